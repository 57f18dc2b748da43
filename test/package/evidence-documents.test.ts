import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { locateDocuments } from '../../lib/compliance/evidence/locate-documents';
import { renderEvidenceMarkdown } from '../../lib/compliance/evidence/render-markdown';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';
import { referenceClaimEvidence } from '../support/claims-support';
import { REPO_ROOT } from './consumer-example';

/**
 * MONITOR-3 and RESPONSE-1 cite the breach runbook and the security response page. A consumer's app has no docs/ of
 * ours: the evidence judges the copies shipped in the package unless the consumer names its own folder, and says
 * which copy it judged.
 */
const RUNBOOK = 'docs/runbooks/breach-notification.md';
const PAGE = 'docs/security-response.md';

function documentsFolder(files: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-docs-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), `# ${f}\n`);
  }
  return dir;
}

describe('the documents claims cite', () => {
  test("without a folder, the evidence judges the package's own copies and says so", () => {
    expect(referenceClaimEvidence('MONITOR-3').documents).toEqual([
      { path: RUNBOOK, source: 'package default', location: `@pocketcity/secure-platform/${RUNBOOK}`, present: true },
    ]);
    expect(referenceClaimEvidence('RESPONSE-1').documents).toEqual([
      { path: PAGE, source: 'package default', location: `@pocketcity/secure-platform/${PAGE}`, present: true },
    ]);
    // The package's copies are the repository's files (package.json ships them: readme-example.test.ts).
    expect(fs.readFileSync(path.join(REPO_ROOT, RUNBOOK), 'utf8')).toMatch(/MONITOR3-HighSeverityFindingsAlerted/);
  });

  test('fails when a package copy is absent', () => {
    expect(locateDocuments(['docs/runbooks/no-such-runbook.md'])).toEqual([
      {
        path: 'docs/runbooks/no-such-runbook.md',
        source: 'package default',
        location: '@pocketcity/secure-platform/docs/runbooks/no-such-runbook.md',
        present: false,
      },
    ]);
  });

  describe('with the consumer’s own folder', () => {
    const complete = documentsFolder(['security-response.md', 'runbooks/breach-notification.md']);
    const noRunbook = documentsFolder(['security-response.md']);
    let withComplete: EvidenceReport;
    let withoutRunbook: EvidenceReport;
    beforeAll(() => {
      withComplete = collectEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, documentsDir: complete });
      withoutRunbook = collectEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, documentsDir: noRunbook });
    });
    const claim = (report: EvidenceReport, id: string) => report.environments[0].claims.find((c) => c.id === id)!;

    test('judges the given files, and the evidence names them as given', () => {
      expect(claim(withComplete, 'MONITOR-3').documents).toEqual([
        {
          path: RUNBOOK,
          source: 'given',
          location: path.join(complete, 'runbooks/breach-notification.md'),
          present: true,
        },
      ]);
      expect(claim(withComplete, 'MONITOR-3').status).toBe('proven');
      expect(claim(withComplete, 'RESPONSE-1').status).toBe('proven');
      expect(renderEvidenceMarkdown(withComplete)).toContain(
        `- Document: \`${PAGE}\` (given copy \`${path.join(complete, 'security-response.md')}\`: present)`,
      );
    });

    test('fails when the given folder lacks one, naming the file it looked for (no fall back to the package copy)', () => {
      const monitor3 = claim(withoutRunbook, 'MONITOR-3');
      expect(monitor3.status).toBe('FAILING');
      expect(monitor3.statusReason).toBe(
        `missing documents: ${path.join(noRunbook, 'runbooks/breach-notification.md')}`,
      );
      expect(claim(withoutRunbook, 'RESPONSE-1').status).toBe('proven');
      expect(renderEvidenceMarkdown(withoutRunbook)).toContain('**missing**');
    });
  });
});
