#!/usr/bin/env node
/**
 * The repository's entry to the packaged command, kept for `npx ts-node bin/preflight.ts [options]`: the same as
 * `npx secure-platform preflight [options]` (lib/cli/preflight).
 */
import { parsePreflightArgs, runPreflightCommand } from '../lib/cli/preflight';

runPreflightCommand(parsePreflightArgs(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`preflight: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
