import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import { renderEvidenceMarkdown } from '../../../lib/compliance/evidence/render-markdown';
import { renderTrustPage, TRUST_PAGE_FILE } from '../../../lib/compliance/evidence/trust-page/render-trust-page';
import { CLAIMS } from '../../../lib/core/claims/register';
import { CHROMIUM, describeWithBrowser } from './chromium';
import { referenceEvidence } from './reference-evidence';

/**
 * The trust page in a real browser. It is the reference's page, beside its report, unless TRUST_PAGE_FILE names one
 * already written (CI checks the page `npm run synth` put into cdk.out/evidence/ that way). The screenshot goes to
 * TRUST_PAGE_SCREENSHOT, by default cdk.out/trust-page.png, which CI keeps as an artifact.
 */
const SCREENSHOT = process.env.TRUST_PAGE_SCREENSHOT ?? path.join(__dirname, '../../../cdk.out/trust-page.png');

interface AxeViolation {
  readonly id: string;
  readonly impact?: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

function pageUnderTest(): string {
  if (process.env.TRUST_PAGE_FILE) return path.resolve(process.env.TRUST_PAGE_FILE);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-page-'));
  const report = referenceEvidence();
  fs.writeFileSync(path.join(dir, 'security-evidence.md'), renderEvidenceMarkdown(report));
  fs.writeFileSync(path.join(dir, TRUST_PAGE_FILE), renderTrustPage(report));
  return path.join(dir, TRUST_PAGE_FILE);
}

describeWithBrowser('trust page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let file: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  beforeAll(async () => {
    file = pageUnderTest();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Chromium's sandbox refuses to start as root (CI containers).
      chromiumSandbox: process.getuid?.() !== 0,
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: 'load' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('loads with no console error and fetches nothing but itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
  });

  test('shows every promise of the register, each with a status', async () => {
    for (const claim of CLAIMS) {
      const section = page.locator(`#claim-${claim.id}`);
      await expect(section.locator('h4').innerText()).resolves.toContain(claim.title);
      await expect(section.locator('.badge').count()).resolves.toBe(1);
    }
    await expect(page.locator('h1').count()).resolves.toBe(1);
  });

  test('every link resolves: relative files exist beside the page, anchors exist in it', async () => {
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(1);
    const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
    const unresolved = hrefs.filter((href) =>
      href.startsWith('#')
        ? ids.filter((id) => id === href.slice(1)).length !== 1
        : /^[a-z]+:/i.test(href) || !fs.existsSync(path.resolve(path.dirname(file), decodeURI(href.split('#')[0]))),
    );
    expect(unresolved).toEqual([]);
  });

  test('axe-core finds no serious or critical accessibility violation', async () => {
    await page.addScriptTag({ path: require.resolve('axe-core') });
    const violations = await page.evaluate<AxeViolation[]>(
      'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
    );
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    expect(serious).toEqual([]);
    console.log(`axe-core: ${violations.length} violation(s) in all, none serious or critical`);
  });

  test('writes a screenshot of the whole page', async () => {
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    fs.rmSync(SCREENSHOT, { force: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
