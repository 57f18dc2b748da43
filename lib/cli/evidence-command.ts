import { reportProgress, timedPhase } from '../core/progress';
import { writeEvidence, EvidenceRun } from '../compliance/evidence/write-evidence';
import { EvidenceArgs } from './evidence-args';

/**
 * Writes the evidence of `args.outdir` and prints where it went and the verdicts. The caller prints
 * `run.problems` (it may add its own) and exits non-zero when there are any.
 */
export function runEvidence(
  args: EvidenceArgs,
  log: (line: string) => void = console.log,
  /** The command line the report names as its maker. */
  command = evidenceCommandLine('secure-platform evidence', args),
): EvidenceRun {
  reportProgress(`judging every claim of ${args.outdir} for the evidence`);
  const run = timedPhase('evidence judged and written', () =>
    writeEvidence({ outdir: args.outdir, strict: args.strict, documentsDir: args.documentsDir, command }),
  );
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

/** `base` with the options that change what the report says, as the reader would type them again. */
export function evidenceCommandLine(base: string, args: EvidenceArgs): string {
  const options = [
    ...(args.strict ? ['--strict'] : []),
    ...(args.outdir !== 'cdk.out' ? ['--out', args.outdir] : []),
    ...(args.documentsDir !== undefined ? ['--docs', args.documentsDir] : []),
  ];
  return [base, ...options].join(' ');
}
