import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { locateDocuments } from '../../lib/compliance/evidence/locate-documents';
import { renderEvidenceMarkdown } from '../../lib/compliance/evidence/render-markdown';
import { writeEvidence } from '../../lib/compliance/evidence/write-evidence';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';
import { referenceClaimEvidence } from '../support/claims-support';
import { REPO_ROOT } from './consumer-example';

/**
 * MONITOR-3 and RESPONSE-1 cite the breach runbook and the security response page. A consumer's app has no docs/ of
 * ours: the evidence judges the copies shipped in the package unless the consumer names its own folder, says which
 * copy it judged, and calls the claim weakened on PocketCITY's own copies (they say nothing of the consumer's
 * process). The reference is PocketCITY's platform: the repository's docs/ are given as its own.
 */
const RUNBOOK = 'docs/runbooks/breach-notification.md';
const PAGE = 'docs/security-response.md';

/** A consumer's folder of documents: the repository's own texts unless `texts` says otherwise (undefined: absent). */
function documentsFolder(texts: Record<string, string | undefined> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-docs-'));
  for (const f of ['security-response.md', 'runbooks/breach-notification.md']) {
    const text = f in texts ? texts[f] : fs.readFileSync(path.join(REPO_ROOT, 'docs', f), 'utf8');
    if (text === undefined) continue;
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const claim = (report: EvidenceReport, id: string) => report.environments[0].claims.find((c) => c.id === id)!;

describe('the documents claims cite', () => {
  test('the reference, judged on the repository’s docs/ as given, proves both claims on every required section', () => {
    for (const [id, doc] of [
      ['MONITOR-3', RUNBOOK],
      ['RESPONSE-1', PAGE],
    ]) {
      const evidence = referenceClaimEvidence(id as 'MONITOR-3');
      expect(evidence.status).toBe('proven');
      expect(evidence.documents).toEqual([
        expect.objectContaining({ path: doc, source: 'given', location: path.join(REPO_ROOT, doc), present: true }),
      ]);
      expect(evidence.documents[0].sections?.length).toBeGreaterThanOrEqual(4);
      expect(evidence.documents[0].sections?.filter((s) => s.problem)).toEqual([]);
    }
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

  describe("without a folder (the package's PocketCITY defaults)", () => {
    let run: ReturnType<typeof writeEvidence>;
    beforeAll(() => {
      const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'default-docs-evidence-'));
      run = writeEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, strict: true, evidenceDir });
    });

    test("judges the package's own copies, says so, and calls both claims weakened with the reason", () => {
      for (const [id, doc] of [
        ['MONITOR-3', RUNBOOK],
        ['RESPONSE-1', PAGE],
      ]) {
        const c = claim(run.report, id);
        expect(c.documents).toEqual([
          expect.objectContaining({
            path: doc,
            source: 'package default',
            location: `@pocketcity/secure-platform/${doc}`,
          }),
        ]);
        expect(c.status).toBe('weakened');
        expect(c.statusReason).toBe(
          `judged on PocketCITY's own document, not yours: @pocketcity/secure-platform/${doc} (name your own folder with --docs DIR)`,
        );
      }
    });

    test('--strict fails on it, naming the claims', () => {
      expect(run.exitCode).toBe(1);
      expect(run.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^\S+ MONITOR-3 weakened: judged on PocketCITY's own document, not yours: .* \(strict\)$/,
          ),
          expect.stringMatching(
            /^\S+ RESPONSE-1 weakened: judged on PocketCITY's own document, not yours: .* \(strict\)$/,
          ),
        ]),
      );
    });
  });

  describe('with the consumer’s own folder', () => {
    const complete = documentsFolder();
    const noRunbook = documentsFolder({ 'runbooks/breach-notification.md': undefined });
    const callPeople = documentsFolder({ 'runbooks/breach-notification.md': '# Runbook\n\nCall people.\n' });
    let withComplete: EvidenceReport;
    let withoutRunbook: EvidenceReport;
    let withCallPeople: EvidenceReport;
    beforeAll(() => {
      withComplete = collectEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, documentsDir: complete });
      withoutRunbook = collectEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, documentsDir: noRunbook });
      withCallPeople = collectEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, documentsDir: callPeople });
    });

    test('judges the given files by their sections, and the evidence names them as given', () => {
      expect(claim(withComplete, 'MONITOR-3').documents).toEqual([
        expect.objectContaining({
          path: RUNBOOK,
          source: 'given',
          location: path.join(complete, 'runbooks/breach-notification.md'),
          present: true,
        }),
      ]);
      expect(claim(withComplete, 'MONITOR-3').status).toBe('proven');
      expect(claim(withComplete, 'RESPONSE-1').status).toBe('proven');
      expect(renderEvidenceMarkdown(withComplete)).toContain(
        `- \`${PAGE}\`: the given copy \`${path.join(complete, 'security-response.md')}\`; has every required section: how to report ("How to report securely")`,
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

    test('fails a two-line "Call people." runbook, naming each missing section', () => {
      const monitor3 = claim(withCallPeople, 'MONITOR-3');
      expect(monitor3.status).toBe('FAILING');
      for (const section of ['who decides', 'who is notified and by when', 'channels', 'message templates'])
        expect(monitor3.statusReason).toContain(`"${section}" (no heading names it`);
      expect(renderEvidenceMarkdown(withCallPeople)).toContain('**lacks** who decides (no heading names it');
    });
  });
});
