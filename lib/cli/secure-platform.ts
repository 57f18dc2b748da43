#!/usr/bin/env node
import { EVIDENCE_USAGE, parseEvidenceArgs, UsageError } from './evidence-args';
import { runEvidence } from './evidence-command';

/**
 * The package's command (`npx secure-platform evidence`), so an app using the library writes its evidence with no
 * script of its own. Problems are printed one per line, without a stack trace, and exit 1.
 */
function main(args: readonly string[]): number {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === 'help') {
    console.log(EVIDENCE_USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'evidence') throw new UsageError(`unknown command '${command}': the command is 'evidence'`);
  const run = runEvidence(parseEvidenceArgs(rest));
  for (const p of run.problems) console.error(`FAIL ${p}`);
  return run.problems.length ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  // A usage error or an assembly the evidence cannot read: the message says what to fix; a stack would bury it.
  console.error(`secure-platform: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
