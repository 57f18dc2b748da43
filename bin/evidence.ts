#!/usr/bin/env node
import { writeEvidence } from '../lib/compliance/evidence/write-evidence';

/** `npm run evidence [-- --strict] [--out cdk.out]`: writes cdk.out/evidence/security-evidence.{md,json}. */
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outdir = outIndex >= 0 ? args[outIndex + 1] : 'cdk.out';
const run = writeEvidence({ outdir, strict: args.includes('--strict') });
const { byStatus } = run.report.summary;
console.log(`Evidence written to ${run.markdownPath} and ${run.jsonPath}`);
console.log(
  `Claims: ${Object.entries(byStatus)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')}`,
);
for (const p of run.problems) console.error(`FAIL ${p}`);
process.exit(run.exitCode);
