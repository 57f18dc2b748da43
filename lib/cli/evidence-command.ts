import { writeEvidence, EvidenceRun } from '../compliance/evidence/write-evidence';
import { EvidenceArgs } from './evidence-args';

/**
 * Writes the evidence of `args.outdir` and prints where it went and the verdicts. The caller prints
 * `run.problems` (it may add its own) and exits non-zero when there are any.
 */
export function runEvidence(args: EvidenceArgs, log: (line: string) => void = console.log): EvidenceRun {
  const run = writeEvidence({ outdir: args.outdir, strict: args.strict, documentsDir: args.documentsDir });
  const { byStatus } = run.report.summary;
  log(`Evidence written to ${run.markdownPath} and ${run.jsonPath}`);
  log(
    `Claims: ${Object.entries(byStatus)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')}`,
  );
  const documents = run.report.environments.flatMap((e) => e.claims.flatMap((c) => c.documents));
  for (const location of new Set(documents.map((d) => `${d.location} (${d.source})`)))
    log(`Document judged: ${location}`);
  return run;
}
