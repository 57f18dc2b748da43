import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface Sample {
  readonly seconds: number;
  /** Peak RSS of the largest node process of the command, in MiB. */
  readonly peakRssMiB: number;
}

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export const repoRoot = path.join(__dirname, '..');

/** Runs a shell command once, timing it and recording the peak RSS of its node processes; throws if it fails. */
export function runOnce(command: string, env: Record<string, string> = {}): Sample {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rss-')), 'rss');
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', command], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...env,
      CDK_DISABLE_VERSION_CHECK: '1',
      BENCH_RSS_FILE: rssFile,
      NODE_OPTIONS: `--require ${path.join(__dirname, 'report-rss.js')}`,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(
      `'${command}' exited ${result.status}:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-4000)}`,
    );
  }
  const rss = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number) : [0];
  return { seconds, peakRssMiB: Math.max(...rss) / 1024 };
}

export function repeat(runs: number, command: string, env?: Record<string, string>): Sample[] {
  return Array.from({ length: runs }, () => runOnce(command, env));
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

export const fmt = (s: Stats, unit = 's') =>
  `${s.median.toFixed(2)}${unit} (min ${s.min.toFixed(2)}, max ${s.max.toFixed(2)})`;
