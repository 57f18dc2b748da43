import * as fs from 'fs';
import * as path from 'path';

/**
 * Whether the last synth into a cloud assembly folder reached the gate. An app that fails while it builds (a config
 * error, a construct error) leaves the previous synth's templates in `cdk.out`, and the evidence would certify them as
 * if nothing had happened; whichever command ran the app (`cdk synth`, `cdk diff`, `cdk deploy`, `npm run synth`),
 * the platform marks the run started when it first reads its config or builds a stage, and judged when the synth
 * gate has run. The evidence refuses an assembly whose last run started and was never judged.
 */
export const SYNTH_RUN_FILE = 'platform-synth-run.json';

export interface SynthRun {
  readonly state: 'started' | 'judged';
  /** When the run started (ISO 8601). */
  readonly startedAt: string;
  /** The process that ran the app, so two runs are told apart in a support request. */
  readonly pid: number;
}

const started = new Set<string>();

/**
 * Marks a run started in `outdir` (once per folder and process). Without a folder (an app run outside the CDK CLI,
 * with no `CDK_OUTDIR`), there is no assembly the evidence could read, and nothing is written.
 */
export function markSynthStarted(outdir: string | undefined = process.env.CDK_OUTDIR): void {
  if (!outdir) return;
  const dir = path.resolve(outdir);
  if (started.has(dir)) return;
  started.add(dir);
  const run: SynthRun = { state: 'started', startedAt: new Date().toISOString(), pid: process.pid };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, SYNTH_RUN_FILE), JSON.stringify(run, null, 2));
}

/** Marks the run in `outdir` judged: the synth gate ran on every stage of the app. */
export function markSynthJudged(outdir: string): void {
  const previous = readSynthRun(outdir);
  const run: SynthRun = {
    state: 'judged',
    startedAt: previous?.startedAt ?? new Date().toISOString(),
    pid: process.pid,
  };
  fs.writeFileSync(path.join(outdir, SYNTH_RUN_FILE), JSON.stringify(run, null, 2));
}

/** The last run recorded in `outdir`, or undefined when none is (an assembly from before the marker existed). */
export function readSynthRun(outdir: string): SynthRun | undefined {
  const file = path.join(outdir, SYNTH_RUN_FILE);
  if (!fs.existsSync(file)) return undefined;
  try {
    const run = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SynthRun>;
    if ((run.state === 'started' || run.state === 'judged') && typeof run.startedAt === 'string')
      return run as SynthRun;
  } catch {
    // Unreadable: treated as a run that never finished (below), never as a judged one.
  }
  return { state: 'started', startedAt: 'unknown', pid: 0 };
}

/** What the evidence says of an assembly whose last run did not reach the gate, or undefined when it did. */
export function unfinishedSynthProblem(outdir: string): string | undefined {
  const run = readSynthRun(outdir);
  if (!run || run.state === 'judged') return undefined;
  return (
    `the last synth into ${outdir} (started ${run.startedAt}) failed before the synth gate judged it, so its ` +
    "templates are an earlier synth's: fix the error that synth printed and run it again (npx cdk synth, or npm run synth)"
  );
}
