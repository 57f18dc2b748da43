#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { IDENTITY_BEGIN, IDENTITY_END } from '../lib/compliance/evidence/render-markdown';
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
    const same =
      fs.existsSync(committed) &&
      withoutIdentity(fs.readFileSync(committed, 'utf8')) === withoutIdentity(fs.readFileSync(generated, 'utf8'));
    if (!same)
      problems.push(
        `${committed} is stale; run 'npm run synth && npm run evidence -- --write-committed' and commit it`,
      );
  }
}
for (const p of problems) console.error(`FAIL ${p}`);
process.exit(problems.length ? 1 : 0);

/**
 * A report without what changes on every run (time, commit, digests): the committed copy is compared on what it
 * says, not on when it was made.
 */
function withoutIdentity(text: string): string {
  if (text.includes(IDENTITY_BEGIN)) {
    return text.slice(0, text.indexOf(IDENTITY_BEGIN)) + text.slice(text.indexOf(IDENTITY_END) + IDENTITY_END.length);
  }
  return JSON.stringify(
    JSON.parse(text, (key, value: unknown) =>
      ['identity', 'sha256', 'configDigest'].includes(key) ? undefined : value,
    ),
  );
}
