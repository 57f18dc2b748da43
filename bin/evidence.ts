#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { parseEvidenceArgs } from '../lib/cli/evidence-args';
import { evidenceCommandLine, runEvidence } from '../lib/cli/evidence-command';
import { IDENTITY_BEGIN, IDENTITY_END } from '../lib/compliance/evidence/render-markdown';

/**
 * `npm run evidence [-- --strict] [--out cdk.out] [--docs DIR] [--check-committed | --write-committed]`: what the
 * package's `secure-platform evidence` does (same code), judging the repository's own docs/ unless --docs names
 * another folder, plus two repository-only options: `--check-committed` fails
 * when docs/evidence/ differs from what was just generated (CI), `--write-committed` refreshes it.
 */
const REPO_ONLY = ['--check-committed', '--write-committed'];
/** The repository's docs/, relative to where npm runs this (the repository root), so the report names `docs/...`. */
const REPOSITORY_DOCS = path.relative(process.cwd(), path.join(__dirname, '..', 'docs')) || 'docs';
const args = process.argv.slice(2);
const run = (() => {
  try {
    const parsed = parseEvidenceArgs(args.filter((a) => !REPO_ONLY.includes(a)));
    // This repository's documents are PocketCITY's own: the reference is judged on them as given, like a consumer's
    // own folder, not as the package's defaults (which weaken a consumer's MONITOR-3 and RESPONSE-1).
    const evidenceArgs = { ...parsed, documentsDir: parsed.documentsDir ?? REPOSITORY_DOCS };
    const options = evidenceCommandLine('', evidenceArgs).trim();
    return runEvidence(evidenceArgs, console.log, `npm run evidence${options ? ` -- ${options}` : ''}`);
  } catch (e) {
    // No assembly, a bad argument: the message says what to do; a stack trace would bury it.
    console.error(`evidence: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
})();
const committedDir = 'docs/evidence';
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
