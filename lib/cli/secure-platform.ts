#!/usr/bin/env node
import { CliCommand, COMMANDS } from './commands';
import { packageVersion } from './package-version';

const HELP = ['-h', '--help'];
const VERSION = ['-V', '--version'];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Usage: secure-platform <command> [options]   (secure-platform ${packageVersion()})`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'secure-platform <command> --help' for a command's options; --version prints the version.",
  ].join('\n');
}

/** A command line naming no known command: says which, and lists the commands. */
export class UnknownCommandError extends Error {
  constructor(name: string) {
    super(`unknown command '${name}': the commands are ${COMMANDS.map((c) => `'${c.name}'`).join(', ')}`);
    this.name = 'UnknownCommandError';
  }
}

/**
 * The package's command (`npx secure-platform <command>`), so an app using the library writes its evidence and checks
 * its account with no script of its own. `--help` and `--version` work on every command. Problems are printed one
 * per line, without a stack trace, and exit 1.
 */
export async function main(args: readonly string[], out: (text: string) => void = console.log): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) {
    out(overview());
    return 1;
  }
  if (VERSION.includes(first)) {
    out(packageVersion());
    return 0;
  }
  if (HELP.includes(first) || first === 'help') {
    const about = rest[0] === undefined ? undefined : commandNamed(rest[0]);
    out(about ? about.usage : overview());
    return 0;
  }
  const command = commandNamed(first);
  if (rest.some((a) => HELP.includes(a))) {
    out(command.usage);
    return 0;
  }
  if (rest.some((a) => VERSION.includes(a))) {
    out(packageVersion());
    return 0;
  }
  return command.run(rest);
}

function commandNamed(name: string): CliCommand {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UnknownCommandError(name);
  return command;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A usage error, an assembly that cannot be read, a missing SDK package: the message says what to fix; a
      // stack would bury it.
      console.error(`secure-platform: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
