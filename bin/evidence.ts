#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { writeEvidence } from '../lib/compliance/evidence/write-evidence';

/**
 * `npm run evidence [-- --strict] [--out cdk.out] [--check-committed | --write-committed]`: writes
 * cdk.out/evidence/security-evidence.{md,json}. `--strict` also fails on claims not implemented or weakened;
 * `--check-committed` fails when docs/evidence/ differs from what was just generated (CI), `--write-committed`
 * refreshes it.
 */
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outdir = outIndex >= 0 ? args[outIndex + 1] : 'cdk.out';
const committedDir = 'docs/evidence';
const run = writeEvidence({ outdir, strict: args.includes('--strict') });
const { byStatus } = run.report.summary;
console.log(`Evidence written to ${run.markdownPath} and ${run.jsonPath}`);
console.log(
  `Claims: ${Object.entries(byStatus)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')}`,
);
const problems = [...run.problems];
for (const generated of [run.markdownPath, run.jsonPath]) {
  const committed = path.join(committedDir, path.basename(generated));
  if (args.includes('--write-committed')) {
    fs.mkdirSync(committedDir, { recursive: true });
    fs.copyFileSync(generated, committed);
    console.log(`Refreshed ${committed}`);
  } else if (args.includes('--check-committed')) {
    const same = fs.existsSync(committed) && fs.readFileSync(committed, 'utf8') === fs.readFileSync(generated, 'utf8');
    if (!same)
      problems.push(
        `${committed} is stale; run 'npm run synth && npm run evidence -- --write-committed' and commit it`,
      );
  }
}
for (const p of problems) console.error(`FAIL ${p}`);
process.exit(problems.length ? 1 : 0);
