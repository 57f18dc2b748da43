import { renderEvidenceMarkdown } from '../../../lib/compliance/evidence/render-markdown';
import { REQUIRED_FLOWS, FORBIDDEN_FLOWS } from '../../../lib/core/requirements/flows';
import { referenceClaimEvidence } from '../../support/reference-judgement';

describe('the evidence lists the flows of each claim with their verdicts and decisive statements', () => {
  test.each([...new Set([...REQUIRED_FLOWS, ...FORBIDDEN_FLOWS].map((f) => f.claim))].map((c) => [c]))(
    '%s',
    (claim) => {
      const evidence = referenceClaimEvidence(claim);
      const lines = evidence.checks.flatMap((c) => c.passes ?? []);
      for (const flow of [...REQUIRED_FLOWS, ...FORBIDDEN_FLOWS].filter((f) => f.claim === claim)) {
        const line = lines.find((l) => l.startsWith(`flow ${flow.id} (`));
        expect(line).toMatch(/: all \d+ requests (allowed|denied): /);
        expect(line).toMatch(/decided by (Allow|Deny) \S+\/\S+ (Sid \S+|statement \d+)|no statement allows it/);
      }
    },
  );

  test('the markdown counts them under the claim and lists them in the appendix, with their deciding statements', () => {
    const claim = referenceClaimEvidence('DATA-3');
    const markdown = renderEvidenceMarkdown({
      title: 'flows',
      identity: { generatedAt: '2026-12-01T00:00:00.000Z', versions: {} },
      toolVersions: {},
      integrity: [],
      strayStacks: [],
      environments: [{ environment: 'ref', stacks: [], optOuts: {}, redundancy: [], claims: [claim] }],
      stockPacks: [],
      acknowledgments: [],
      summary: { failing: 0, notImplemented: 0, unacknowledgedStockViolations: 0, byStatus: {} },
    });
    expect(markdown).toMatch(
      /\*\*IAM flows\*\*: \d+ of \d+ hold \(\d+ requests\): \[appendix\]\(#ref-data-3-appendix\)/,
    );
    expect(markdown).toContain('IAM flows:');
    expect(markdown).toMatch(/^\| [^|]*backup-uses-recovery-vault-key-via-rds[^|]* \| allowed \| \d+ \| Allow \w+/m);
  });
});
