#!/usr/bin/env node
/**
 * `npm run bench [-- --runs N] [-- --test-runs N] [-- --write]`: synth speed against its floor, the type-checking runner, test-suite
 * cost, scaling to many environments, and CloudFormation limits. Prints every figure with median, min and max;
 * `--write` also replaces the figures section of docs/performance.md.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fmt, repeat, repoRoot, Sample, Stats, stats } from './measure';
import { flowEvaluationCost } from './flow-cost';
import { pathEvaluationCost } from './path-cost';
import { stackSizes } from './template-limits';

// Every figure is measured with the IAM engine's verdict cache off (lib/compliance/flows/verdict-cache.ts), as a
// first synth on a clean checkout pays it, unless its row says the cache is warm.
process.env.SECURE_PLATFORM_VERDICT_CACHE = 'off';
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bench-out-'));
// '**' selects the stacks inside each stage, as `npm run synth` does, so findings are reported for all of them.
const synth = (extra = '', outdir = tmp()) => `npx cdk synth '**' --quiet ${extra} -o ${outdir}`;

interface Row {
  readonly figure: string;
  readonly value: string;
  readonly ratio?: number;
  readonly target?: string;
  readonly met?: boolean;
}
const rows: Row[] = [];
const report = (row: Row) => {
  rows.push(row);
  const ratio = row.ratio !== undefined ? ` -> ${row.ratio.toFixed(2)}x` : '';
  const target = row.target ? ` (target ${row.target}: ${row.met ? 'met' : 'MISSED'})` : '';
  console.log(`${row.figure}: ${row.value}${ratio}${target}`);
};
const time = (label: string, command: string): Stats => {
  process.stdout.write(`measuring ${label} (${runs} runs)... `);
  const s = stats(repeat(runs, command).map((x) => x.seconds));
  console.log(fmt(s));
  return s;
};

/**
 * Runs several commands in interleaved rounds (A B C, A B C, ...), so a slow spell of a shared machine falls on all
 * of them rather than on whichever ran then; ratios between them are what this benchmark reports.
 */
const sampleTogether = <K extends string>(commands: Record<K, string>): Record<K, Sample[]> => {
  const keys = Object.keys(commands) as K[];
  process.stdout.write(`measuring ${keys.join(', ')} (${runs} interleaved rounds)... `);
  const samples = Object.fromEntries(keys.map((k) => [k, [] as Sample[]])) as Record<K, Sample[]>;
  for (let round = 0; round < runs; round++) {
    for (const k of keys) samples[k].push(...repeat(1, commands[k]));
  }
  console.log('done');
  return samples;
};
const timeTogether = <K extends string>(commands: Record<K, string>): Record<K, Stats> => {
  const samples = sampleTogether(commands);
  return Object.fromEntries(
    (Object.keys(samples) as K[]).map((k) => [k, stats(samples[k].map((x) => x.seconds))]),
  ) as Record<K, Stats>;
};

// 1. Reference synth against the floor (an empty app through the same CLI and runner), with the rows that show
// what each part of the runner and CDK's CloudFormation validation cost, and the README's whole main job.
// The floor runs through cdk.json's own app command, so it cannot drift from the runner the reference uses.
const referenceApp = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as { app: string }).app;
if (!referenceApp.endsWith(' bin/platform.ts')) {
  throw new Error(`cdk.json "app" is "${referenceApp}": the bench expects it to end with bin/platform.ts`);
}
const emptyApp = `--app "${referenceApp.replace(/bin\/platform\.ts$/, 'bench/empty-app.ts')}"`;
const warmCache = tmp();
repeat(1, `SECURE_PLATFORM_VERDICT_CACHE=${warmCache} ${synth()}`);
const synths = timeTogether({
  floor: synth(emptyApp),
  reference: synth(),
  // b. CDK's built-in CloudFormation validation (a WASM rule engine run at synth) off on both sides.
  floorNoCfn: `CDK_VALIDATION=false ${synth(emptyApp)}`,
  referenceNoCfn: `CDK_VALIDATION=false ${synth()}`,
  // c. V8's default WASM tiering: hot engine code recompiled by the optimizing compiler much sooner.
  referenceTierUp: synth('--app "node -r ts-node/register bin/platform.ts"'),
  // d. The runner through npx, as `cdk init` sets it up (npx starts npm before the app).
  referenceNpx: synth('--app "npx ts-node bin/platform.ts"'),
  // e. The README's main job: `npm run synth` (synth of every stage, then the evidence from the same output), on a
  // clean checkout: its synth fills a fresh verdict cache, which its evidence step reads.
  mainJob: `SECURE_PLATFORM_VERDICT_CACHE=$(mktemp -d) npm run --silent synth -- -o ${tmp()}`,
  // f. A repeated synth, the verdict cache warm from an earlier one (what a team's next synth of unchanged policies
  // pays).
  referenceWarm: `SECURE_PLATFORM_VERDICT_CACHE=${warmCache} ${synth()}`,
});
const { floor, reference } = synths;
const r1 = reference.median / floor.median;
report({
  figure: 'reference synth / empty-app synth',
  value: `${fmt(reference)} / ${fmt(floor)}`,
  ratio: r1,
  target: '<= 1.5x',
  met: r1 <= 1.5,
});
report({
  figure: 'reference / empty-app synth, both without CDK CloudFormation validation',
  value: `${fmt(synths.referenceNoCfn)} / ${fmt(synths.floorNoCfn)}`,
  ratio: synths.referenceNoCfn.median / synths.floorNoCfn.median,
});
const rMain = synths.mainJob.median / floor.median;
report({
  figure: 'main job (npm run synth: synth and evidence) / empty-app synth',
  value: `${fmt(synths.mainJob)} / ${fmt(floor)}`,
  ratio: rMain,
  target: '<= 1.8x',
  met: rMain <= 1.8,
});
for (const [key, figure] of [
  ['referenceTierUp', 'reference synth, default WASM tiering / tiering budget 50M'],
  ['referenceNpx', 'reference synth, npx ts-node runner (default tiering) / configured runner'],
  ['referenceWarm', 'reference synth repeated, verdict cache warm / first synth'],
] as const) {
  report({ figure, value: `${fmt(synths[key])} / ${fmt(reference)}`, ratio: synths[key].median / reference.median });
}

// 2. Why the app runner skips type-checking.
// bench/tsconfig.type-check.json turns tsconfig.json's swc transpiler off, so ts-node type-checks as it loads.
const typeChecked = time(
  'reference synth, ts-node with type-checking',
  `TS_NODE_PROJECT=bench/tsconfig.type-check.json ${synth()}`,
);
report({
  figure: 'type-checking runner / configured runner',
  value: `${fmt(typeChecked)} / ${fmt(reference)}`,
  ratio: typeChecked.median / reference.median,
});

// 3. Test-suite cost in units of one reference synth.
// Its own run count (`--test-runs N`, default --runs): one run of the suite costs minutes.
const testRuns = Number(args[args.indexOf('--test-runs') + 1]) || runs;
process.stdout.write(`measuring npm test (${testRuns} runs)... `);
const tests = stats(repeat(testRuns, 'npx jest --silent').map((x) => x.seconds));
console.log(fmt(tests));
const r3 = tests.median / reference.median;
report({
  figure: 'npm test / reference synth',
  value: `${fmt(tests)} / ${fmt(reference)}`,
  ratio: r3,
  target: '<= 8x',
  met: r3 <= 8,
});

// 4. Scaling to many environments in one app: wall time and peak RSS.
const counts = [1, 4, 16];
const samples = sampleTogether(
  Object.fromEntries(counts.map((n) => [`${n} environments`, synth(`-c environments=${n}`)])),
);
const scale: Record<number, { seconds: Stats; rss: Stats }> = {};
for (const n of counts) {
  const runsOfN = samples[`${n} environments`];
  scale[n] = { seconds: stats(runsOfN.map((x) => x.seconds)), rss: stats(runsOfN.map((x) => x.peakRssMiB)) };
  console.log(`${n} environment(s): ${fmt(scale[n].seconds)}, peak RSS ${fmt(scale[n].rss, ' MiB')}`);
}
const r4 = scale[16].seconds.median / scale[1].seconds.median;
report({
  figure: '16 environments / 1 environment (wall)',
  value: `${fmt(scale[16].seconds)} / ${fmt(scale[1].seconds)}`,
  ratio: r4,
  target: '<= 2x',
  met: r4 <= 2,
});
report({
  figure: '4 environments / 1 environment (wall)',
  value: `${fmt(scale[4].seconds)} / ${fmt(scale[1].seconds)}`,
  ratio: scale[4].seconds.median / scale[1].seconds.median,
});
const peak = scale[16].rss.max;
report({
  figure: 'peak RSS, 16 environments',
  value: `${peak.toFixed(0)} MiB`,
  target: '<= 1024 MiB',
  met: peak <= 1024,
});

// 5. Every stack against CloudFormation's limits.
const outdir = tmp();
repeat(1, synth('', outdir));
for (const s of stackSizes(outdir)) {
  report({
    figure: `${s.stackName} resources / 500`,
    value: `${s.resources}`,
    ratio: s.resourceShare,
    target: '<= 40%',
    met: s.resourceShare <= 0.4,
  });
  report({
    figure: `${s.stackName} template bytes / 1 MiB`,
    value: `${s.bytes}`,
    ratio: s.byteShare,
    target: '<= 25%',
    met: s.byteShare <= 0.25,
  });
}

// 6. The flow proofs (lib/compliance/flows): evaluating every required and forbidden flow of one environment with
// the IAM policy engine, part of every synth and of the evidence.
const flows = flowEvaluationCost(outdir, runs);
report({
  figure: `flow evaluation per environment (${flows.requests} requests) / reference synth`,
  value: `${fmt(flows.seconds)} / ${fmt(reference)}`,
  ratio: flows.seconds.median / reference.median,
});

// 7. The path proofs (lib/compliance/paths): network, event, data, HTTP and login paths of one environment, each hop
// evaluated; part of every synth and of the evidence. Issue 21's aim: flows and paths together under 0.3 s.
const paths = pathEvaluationCost(outdir, runs);
report({
  figure: `path evaluation per environment (${paths.paths} paths, ${paths.hops} hops) / reference synth`,
  value: `${fmt(paths.seconds)} / ${fmt(reference)}`,
  ratio: paths.seconds.median / reference.median,
});
report({
  figure: 'flow and path evaluation per environment (seconds)',
  value: `${(flows.seconds.median + paths.seconds.median).toFixed(3)} s`,
  target: '<= 0.3 s',
  met: flows.seconds.median + paths.seconds.median <= 0.3,
});

if (args.includes('--write')) {
  const doc = path.join(repoRoot, 'docs/performance.md');
  const versions = ['aws-cdk-lib', 'aws-cdk', 'cdk-nag', 'typescript']
    .map(
      (p) =>
        `${p} ${(JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version}`,
    )
    .join(', ');
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${versions}; ${runs} runs each.`,
    '',
    '| figure | value | ratio | target |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.figure} | ${r.value} | ${r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : ''} | ${r.target ? `${r.target} ${r.met ? 'met' : '**missed**'}` : ''} |`,
    ),
  ].join('\n');
  const text = fs.readFileSync(doc, 'utf8');
  const begin = '<!-- figures:begin -->';
  const end = '<!-- figures:end -->';
  fs.writeFileSync(
    doc,
    `${text.slice(0, text.indexOf(begin) + begin.length)}\n${table}\n${text.slice(text.indexOf(end))}`,
  );
  console.log(`figures written to ${doc}`);
}
