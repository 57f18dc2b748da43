/** What `secure-platform init` was asked to do. */
export interface InitArgs {
  /** The folder to write the app into (created when missing). */
  readonly dir: string;
  /** The environment's name: the stage's id and `environmentName` in the config. */
  readonly environment: string;
  /** Overwrite files that exist. */
  readonly force: boolean;
}

export const INIT_USAGE = `Usage: secure-platform init [--dir DIR] [--environment NAME] [--force]

Writes a CDK app that builds one PlatformStage from a config file you fill in:
  cdk.json, tsconfig.json, package.json (the versions the library is tested with), bin/app.ts,
  platform.config.json and dump-key.asc (placeholders: synth names each one left, with what to put there).
  --dir DIR           the folder to write into (default: the current folder)
  --environment NAME  the environment's name, 2-16 lower-case letters, digits or dashes (default: prod)
  --force             overwrite files that exist (without it, init refuses and names them)
Then: fill in platform.config.json and dump-key.asc, npm install, npx cdk synth '**'.`;

/** A command line that cannot be run: says which argument and how to fix it. */
export class InitUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${INIT_USAGE}`);
    this.name = 'InitUsageError';
  }
}

const ENVIRONMENT = /^[a-z][a-z0-9-]{1,15}$/;

/** Parses the options of `init` (after the command name). */
export function parseInitArgs(args: readonly string[]): InitArgs {
  let dir = '.';
  let environment = 'prod';
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (what: string): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new InitUsageError(`${arg} needs a value: ${arg} ${what}`);
      return v;
    };
    if (arg === '--dir') dir = value('DIR');
    else if (arg === '--environment') environment = value('NAME');
    else if (arg === '--force') force = true;
    else throw new InitUsageError(`unknown argument '${arg}': use --dir DIR, --environment NAME or --force`);
  }
  if (!ENVIRONMENT.test(environment)) {
    throw new InitUsageError(
      `--environment '${environment}' is not a lower-case name of 2-16 letters, digits or dashes: use a short name such as 'prod' or 'staging'`,
    );
  }
  return { dir, environment, force };
}
