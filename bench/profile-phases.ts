#!/usr/bin/env node
/**
 * `npm run bench:profile [-- -c environments=N] [-- --empty]`: where one `cdk synth` of the reference spends its CPU, per phase.
 * Runs the synth through cdk.json's own app command with `--cpu-prof` (the app's main thread and every worker write a
 * profile), then charges each sample to the phase of the nearest frame on its stack that belongs to one (the flow
 * engine before the checks that call it, cdk-nag before the aws-cdk-lib code its rules call, and so on). Prints one
 * table; docs/performance.md quotes it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './measure';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Phases in the order they are tried on each frame, innermost frame first; the first that claims a frame wins. */
const PHASES: readonly { readonly phase: string; readonly claims: (url: string, fn: string) => boolean }[] = [
  // The engine runs in a worker (no profile of its own: it is started with empty execArgv) while the main thread
  // waits in evaluateInEngine, so that wait is the engine's time.
  {
    phase: 'flows: IAM policy engine (its worker; the main thread waits)',
    claims: (u, fn) => u.includes('@cloud-copilot/') || fn === 'evaluateInEngine',
  },
  { phase: 'flows: requests and records', claims: (u) => u.includes('/lib/compliance/flows/') },
  { phase: 'paths', claims: (u) => u.includes('/lib/compliance/paths/') },
  { phase: 'redundancy', claims: (u) => u.includes('/lib/compliance/redundancy/') },
  { phase: 'evidence', claims: (u) => u.includes('/lib/compliance/evidence/') },
  {
    phase: 'claims checks and the stage model',
    claims: (u) => /\/lib\/compliance\/(checks|template|gate|registry)/.test(u),
  },
  { phase: 'stock packs (cdk-nag)', claims: (u) => u.includes('/node_modules/cdk-nag/') },
  {
    phase: "CDK's CloudFormation validation (WASM engine)",
    claims: (u, fn) => u.startsWith('wasm://') || /cfn-guard|guard|validation/i.test(u) || fn.includes('wasm'),
  },
  {
    phase: 'synthesizing (aws-cdk-lib: resolve, render, write)',
    claims: (u) => /aws-cdk-lib\/core\/lib\/(private\/synthesis|stack-synthesizers|private\/resolve|stage|app)/.test(u),
  },
  {
    phase: 'constructing the platform (lib/)',
    claims: (u) => /\/lib\/(?!compliance\/)/.test(u) && !u.includes('node_modules'),
  },
  { phase: 'transpiling TypeScript (ts-node, swc)', claims: (u) => /node_modules\/(ts-node|@swc)\//.test(u) },
  {
    phase: 'loading modules (require, compile)',
    claims: (u, fn) => u.startsWith('node:internal/modules') || fn === '(program)' || fn === 'compileFunction',
  },
  { phase: 'garbage collection', claims: (_u, fn) => fn === '(garbage collector)' },
];
const OTHER = 'other (aws-cdk-lib constructs, Node)';

/** Milliseconds per phase of one profile. */
function phasesOf(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseOfNode = new Map<number, string>();
  const phaseOf = (id: number): string => {
    const known = phaseOfNode.get(id);
    if (known) return known;
    const { url, functionName } = byId.get(id)!.callFrame;
    const own = PHASES.find((p) => p.claims(url, functionName))?.phase;
    const up = parent.get(id);
    const phase = own ?? (up === undefined ? OTHER : phaseOf(up));
    phaseOfNode.set(id, phase);
    return phase;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    const phase = phaseOf(id);
    totals.set(phase, (totals.get(phase) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  return totals;
}

// `--empty` profiles the bench's floor instead: an app with one empty stack, through the same runner.
const empty = process.argv.includes('--empty');
const extra = process.argv
  .slice(2)
  .filter((a) => a !== '--empty')
  .join(' ');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
const app = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as { app: string }).app
  .replace(/^node /, `node --cpu-prof --cpu-prof-dir=${path.join(dir, 'profiles')} `)
  .replace(/bin\/platform\.ts$/, empty ? 'bench/empty-app.ts' : 'bin/platform.ts');
const started = Date.now();
const run = spawnSync(
  'bash',
  ['-c', `npx cdk synth '**' --quiet ${extra} -o ${path.join(dir, 'out')} --app "${app}"`],
  // The verdict cache off unless the caller sets it: a first synth, the engine evaluating every request.
  {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { SECURE_PLATFORM_VERDICT_CACHE: 'off', ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
  },
);
if (run.status !== 0) throw new Error(`synth failed:\n${run.stderr.slice(-3000)}`);
const wall = (Date.now() - started) / 1000;

const totals = new Map<string, number>();
const profiles = fs.readdirSync(path.join(dir, 'profiles')).filter((f) => f.endsWith('.cpuprofile'));
for (const file of profiles) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, 'profiles', file), 'utf8')) as CpuProfile;
  for (const [phase, ms] of phasesOf(profile)) totals.set(phase, (totals.get(phase) ?? 0) + ms);
}
const sum = [...totals.values()].reduce((a, b) => a + b, 0);
console.log(
  `cdk synth '**' ${extra}: ${wall.toFixed(2)} s wall, ${(sum / 1000).toFixed(2)} s on the app's threads (${profiles.length} profiles)`,
);
console.log('| phase | CPU s | share |');
console.log('|---|---|---|');
for (const [phase, ms] of [...totals].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${phase} | ${(ms / 1000).toFixed(2)} | ${((100 * ms) / sum).toFixed(0)}% |`);
}
fs.rmSync(dir, { recursive: true, force: true });
