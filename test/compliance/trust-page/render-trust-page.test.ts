import type { ClaimEvidence, EvidenceReport } from '../../../lib/compliance/evidence/evidence-model';
import { renderTrustPage } from '../../../lib/compliance/evidence/trust-page/render-trust-page';
import { trustPageModel } from '../../../lib/compliance/evidence/trust-page/trust-page-model';
import { CLAIMS } from '../../../lib/core/claims/register';
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
