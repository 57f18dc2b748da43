#!/usr/bin/env node
/**
 * `npm run bench [-- --runs N] [-- --write]`: synth speed against its floor, the type-checking runner, test-suite
 * cost, scaling to many environments, and CloudFormation limits. Prints every figure with median, min and max;
 * `--write` also replaces the figures section of docs/performance.md.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fmt, repeat, repoRoot, Stats, stats } from './measure';
import { stackSizes } from './template-limits';

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

// 1. Reference synth against the floor (an empty app through the same CLI and runner).
const emptyApp = `--app "node --liftoff-only -r ts-node/register bench/empty-app.ts"`;
const floor = time('empty app synth', synth(emptyApp));
const reference = time('reference synth', synth());
const r1 = reference.median / floor.median;
report({
  figure: 'reference synth / empty-app synth',
  value: `${fmt(reference)} / ${fmt(floor)}`,
  ratio: r1,
  target: '<= 1.3x',
  met: r1 <= 1.3,
});

// 1b. Where the rest goes: the same pair without aws-cdk-lib's built-in CloudFormation validation (a WASM rule
// engine run at synth). CI keeps that validation on; this row only shows how much of the ratio is ours.
const floorNoCfn = time('empty app synth, no CloudFormation validation', `CDK_VALIDATION=false ${synth(emptyApp)}`);
const referenceNoCfn = time('reference synth, no CloudFormation validation', `CDK_VALIDATION=false ${synth()}`);
report({
  figure: 'reference / empty-app synth, both without CDK CloudFormation validation',
  value: `${fmt(referenceNoCfn)} / ${fmt(floorNoCfn)}`,
  ratio: referenceNoCfn.median / floorNoCfn.median,
});

// 1c. What running CDK's CloudFormation validation in a background worker saves (lib/synth): the same synth with the
// validation run in-process after synthesis, as CDK does by default.
const referenceInProcess = time(
  'reference synth, CloudFormation validation in-process',
  synth('-c cloudFormationValidationInBackground=false'),
);
report({
  figure: 'reference synth, CloudFormation validation in-process / in a background worker',
  value: `${fmt(referenceInProcess)} / ${fmt(reference)}`,
  ratio: referenceInProcess.median / reference.median,
});

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
const tests = time('npm test', 'npx jest --silent');
const r3 = tests.median / reference.median;
report({
  figure: 'npm test / reference synth',
  value: `${fmt(tests)} / ${fmt(reference)}`,
  ratio: r3,
  target: '<= 4x',
  met: r3 <= 4,
});

// 4. Scaling to many environments in one app: wall time and peak RSS.
const scale: Record<number, { seconds: Stats; rss: Stats }> = {};
for (const n of [1, 4, 16]) {
  process.stdout.write(`measuring ${n} environment(s) (${runs} runs)... `);
  const samples = repeat(runs, synth(`-c environments=${n}`));
  scale[n] = { seconds: stats(samples.map((s) => s.seconds)), rss: stats(samples.map((s) => s.peakRssMiB)) };
  console.log(`${fmt(scale[n].seconds)}, peak RSS ${fmt(scale[n].rss, ' MiB')}`);
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
