import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseTrustPageArgs, runTrustPage } from '../../../lib/cli/trust-page';
import type { VerifyReport } from '../../../lib/cli/verify/verify-report';
import type { ClaimEvidence, EvidenceReport } from '../../../lib/compliance/evidence/evidence-model';
import { renderTrustPage } from '../../../lib/compliance/evidence/trust-page/render-trust-page';
import { trustPageModel } from '../../../lib/compliance/evidence/trust-page/trust-page-model';
import { CLAIMS } from '../../../lib/core/claims/register';
import type { LiveFact } from '../../../lib/core/requirements/verify-report-model';
import { internalNames, referenceEvidence } from './reference-evidence';

/** The reference evidence with one claim changed in a second environment. */
function withSecondEnvironment(
  report: EvidenceReport,
  change: Partial<ClaimEvidence> & { id: string },
): EvidenceReport {
  const [env] = report.environments;
  const second = {
    ...env,
    environment: 'staging',
    claims: env.claims.map((c) => (c.id === change.id ? { ...c, ...change } : c)),
  };
  return { ...report, environments: [env, second] };
}

describe('trust page of the reference evidence', () => {
  let report: EvidenceReport;
  let html: string;
  beforeAll(() => {
    report = referenceEvidence();
    html = renderTrustPage(report);
  });

  test('shows every promise of the register with its sentence as the customer reads it', () => {
    for (const claim of CLAIMS) {
      expect(html).toContain(`id="claim-${claim.id}"`);
      expect(html).toContain(claim.title.replace(/"/g, '&quot;'));
    }
    // A markdown link of the security page becomes its text; its target is the company's site, not this page.
    expect(html).toContain('Please visit our security response page for details');
    expect(html).not.toContain('](response/index.md)');
  });

  test('names no account id, ARN or resource name of the reference', () => {
    expect(html).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    expect(html).not.toMatch(/arn:/i);
    const names = internalNames(report);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => html.includes(n))).toEqual([]);
  });

  test('says when it was last verified, from the report identity', () => {
    expect(html).toContain(`<time datetime="${report.identity.generatedAt}">`);
  });

  test('says what proves a promise in counts, and "exceeds" where the platform does more', () => {
    const rest2 = trustPageModel(report)
      .groups.flatMap((g) => g.promises)
      .find((p) => p.id === 'REST-2')!;
    expect(rest2.status).toBe('exceeds');
    expect(rest2.proof.checks).toBeGreaterThan(0);
    expect(html).toMatch(/What proves it:<\/strong> \d+ automated checks? with \d+ passing results?/);
    expect(html).toContain('status-organisational');
  });

  test('links to the full report beside it, or where it is told', () => {
    expect(html).toContain('<a href="security-evidence.md">');
    expect(renderTrustPage(report, { reportHref: 'https://example.com/r.md' })).toContain(
      '<a href="https://example.com/r.md">',
    );
  });

  test('lists the framework control ids a claim carries, and nothing when it carries none', () => {
    const controls = [{ framework: 'NIST SP 800-53 rev5' as const, ids: ['SC-8', 'SC-13'] }];
    const withControls = {
      ...report,
      environments: report.environments.map((e) => ({
        ...e,
        claims: e.claims.map((c) => (c.id === 'TRANSIT-1' ? { ...c, controls } : c)),
      })),
    };
    expect(renderTrustPage(withControls)).toMatch(/<dt>NIST SP 800-53 rev5<\/dt><dd>SC-8, SC-13<\/dd>/);
  });

  test('shows a promise at its weakest status among the environments', () => {
    const weakened = trustPageModel(withSecondEnvironment(report, { id: 'DATA-2', status: 'weakened' }));
    expect(weakened.groups.flatMap((g) => g.promises).find((p) => p.id === 'DATA-2')!.status).toBe('weakened');
    const failing = renderTrustPage(withSecondEnvironment(report, { id: 'REST-1', status: 'FAILING' }));
    expect(failing).toMatch(/id="claim-REST-1"[\s\S]*?status-failing/);
    expect(failing).toContain('in 2 environments (ref, staging)');
  });

  test('escapes what it quotes', () => {
    const evil = withSecondEnvironment(report, { id: 'DATA-1', title: '<script>alert(1)</script>' });
    const page = renderTrustPage({ ...evil, environments: [evil.environments[1]] });
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
  });
});

/** A fact as verify writes it, about a resource the public page must not name. */
function fact(id: string, status: LiveFact['status'], observedAt: string, asOf?: string): LiveFact {
  return {
    id,
    kind: 'backup-job',
    region: 'eu-west-1',
    subject: `arn:aws:rds:eu-west-1:123456789012:cluster:${id}-secret-cluster-name`,
    status,
    detail: `job of arn:aws:rds:eu-west-1:123456789012:cluster:${id}-secret-cluster-name in account 123456789012`,
    observedAt,
    asOf,
  };
}

/** A verify run of `environment` on 6 December 2026: DATA-2 verified, REST-1 failing, MONITOR-1 unknown. */
function verifyReport(environment: string): VerifyReport {
  const run = '2026-12-06T09:30:00.000Z';
  return {
    environment,
    account: '123456789012',
    startedAt: '2026-12-06T09:29:00.000Z',
    finishedAt: run,
    claims: [
      {
        id: 'DATA-2',
        title: 'x',
        kind: 'infrastructure',
        status: 'verified',
        facts: ['backup-a', 'backup-b'],
        why: 'all fresh',
      },
      {
        id: 'REST-1',
        title: 'x',
        kind: 'infrastructure',
        status: 'failing',
        facts: ['backup-c'],
        why: 'NON_COMPLIANT',
      },
      {
        id: 'MONITOR-1',
        title: 'x',
        kind: 'infrastructure',
        status: 'UNKNOWN',
        facts: ['backup-d'],
        why: 'AccessDenied',
      },
      { id: 'ORG-1', title: 'x', kind: 'organisational', status: 'organisational', facts: [], why: 'people' },
    ],
    facts: [
      // The oldest of the claim's facts is what the page shows: here the one the account dates earliest.
      fact('backup-a', 'verified', '2026-12-06T09:29:10.000Z', '2026-12-06T03:12:00.000Z'),
      fact('backup-b', 'verified', '2026-12-06T09:29:20.000Z', '2026-12-05T22:47:00.000Z'),
      fact('backup-c', 'failing', '2026-12-06T09:29:30.000Z', '2026-12-01T03:00:00.000Z'),
      fact('backup-d', 'UNKNOWN', '2026-12-06T09:29:40.000Z'),
    ],
    verified: false,
  };
}

/** The `<section>` of one promise on the page. */
function section(html: string, id: string): string {
  const match = new RegExp(`<section class="claim" id="claim-${id}"[\\s\\S]*?</section>`).exec(html);
  if (!match) throw new Error(`no section of ${id}`);
  return match[0];
}

describe('trust page with a verify report of the account', () => {
  let report: EvidenceReport;
  let environment: string;
  let html: string;
  beforeAll(() => {
    report = referenceEvidence();
    environment = report.environments[0].environment;
    html = renderTrustPage(report, { verifyReport: verifyReport(environment) });
  });

  test('says in the header when verify ran in the account', () => {
    expect(html).toMatch(
      /<header>[\s\S]*Last verified in the account <time datetime="2026-12-06T09:30:00.000Z">6 December 2026, 09:30 UTC<\/time>[\s\S]*<\/header>/,
    );
    expect(html).not.toContain('Not yet verified in the account');
  });

  test('a verified promise shows the oldest time among its facts', () => {
    expect(section(html, 'DATA-2')).toContain(
      'Last verified in the account: <time datetime="2026-12-05T22:47:00.000Z">5 December 2026, 22:47 UTC</time> — verified',
    );
  });

  test('a failing promise shows when the run found it failing', () => {
    expect(section(html, 'REST-1')).toContain(
      'Last verified in the account: <time datetime="2026-12-06T09:30:00.000Z">6 December 2026, 09:30 UTC</time> — failing',
    );
  });

  test('a promise verify could not read is unknown, never verified', () => {
    const monitor1 = section(html, 'MONITOR-1');
    expect(monitor1).toContain('— unknown');
    expect(monitor1).not.toContain('— verified');
  });

  test('an organisational promise shows no account line; one the run did not read says so', () => {
    expect(section(html, 'ORG-1')).not.toContain('in the account');
    expect(section(html, 'DATA-1')).toContain('Not read in the account by the last verification.');
  });

  test("names none of the verify report's accounts, ARNs or resources", () => {
    expect(html).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    expect(html).not.toMatch(/arn:/i);
    expect(html).not.toContain('secret-cluster-name');
    expect(html).not.toContain('AccessDenied');
    const names = internalNames(report);
    expect(names.filter((n) => html.includes(n))).toEqual([]);
  });

  test('without a verify report the page says once, in the header, that it is not yet verified in the account', () => {
    const plain = renderTrustPage(report);
    expect(plain.match(/not yet verified in the account/gi)).toHaveLength(1);
    expect(plain).toMatch(/<header>[\s\S]*Not yet verified in the account\.[\s\S]*<\/header>/);
    expect(plain).not.toContain('Last verified in the account');
  });

  test("fails when the verify report is of another environment than the evidence's", () => {
    expect(() => renderTrustPage(report, { verifyReport: verifyReport('elsewhere') })).toThrow(
      `the verify report is of environment 'elsewhere', but the evidence is of '${environment}'`,
    );
  });

  test('secure-platform trust-page --verify FILE renders it, and refuses another environment without writing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-page-verify-'));
    const evidenceFile = path.join(dir, 'security-evidence.json');
    fs.writeFileSync(evidenceFile, JSON.stringify(report));
    const write = (name: string, env: string) => {
      fs.writeFileSync(path.join(dir, name), JSON.stringify(verifyReport(env)));
      return path.join(dir, name);
    };
    const args = parseTrustPageArgs(['--evidence', evidenceFile, '--verify', write('verify-report.json', environment)]);
    expect(runTrustPage(args, () => undefined)).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'trust-page.html'), 'utf8')).toContain('— failing');

    const other = parseTrustPageArgs([
      '--evidence',
      evidenceFile,
      '--page',
      path.join(dir, 'other.html'),
      '--verify',
      write('other.json', 'elsewhere'),
    ]);
    expect(() => runTrustPage(other, () => undefined)).toThrow(/verify report is of environment 'elsewhere'/);
    expect(fs.existsSync(path.join(dir, 'other.html'))).toBe(false);
    expect(() => parseTrustPageArgs(['--verify'])).toThrow('--verify needs FILE');
  });
});
