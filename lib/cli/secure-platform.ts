#!/usr/bin/env node
import { EVIDENCE_USAGE, parseEvidenceArgs, UsageError } from './evidence-args';
import { runEvidence } from './evidence-command';
import { parsePreflightArgs, PREFLIGHT_USAGE, runPreflightCommand } from './preflight';

const USAGE = `${EVIDENCE_USAGE}\n\n${PREFLIGHT_USAGE}`;

/**
 * The package's command (`npx secure-platform evidence | preflight`), so an app using the library writes its evidence
 * and checks its account with no script of its own. Problems are printed one per line, without a stack trace, and
 * exit 1.
 */
async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === 'preflight') return runPreflightCommand(parsePreflightArgs(rest));
  if (command !== 'evidence')
    throw new UsageError(`unknown command '${command}': the commands are 'evidence' and 'preflight'`);
  const run = runEvidence(parseEvidenceArgs(rest));
  for (const p of run.problems) console.error(`FAIL ${p}`);
  return run.problems.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A usage error, an assembly that cannot be read, a missing SDK package: the message says what to fix; a stack
    // would bury it.
    console.error(`secure-platform: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
