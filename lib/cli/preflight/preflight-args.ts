import * as fs from 'fs';

/** What `secure-platform preflight` was asked to do. */
export interface PreflightArgs {
  /** The cloud assembly to read. */
  readonly outdir: string;
  /** The environment to check, from `--environment` or the config file's `environmentName`. */
  readonly environment?: string;
  /** An AWS API endpoint instead of AWS (an emulator on loopback). */
  readonly endpoint?: string;
}

export const PREFLIGHT_USAGE = `Usage: secure-platform preflight [--environment NAME | --config FILE] [--out DIR] [--endpoint URL]

Read-only, with credentials for the target account, after \`npx cdk synth '**' --quiet\` and before the first deploy:
asks the account about everything the templates depend on (account singletons and who runs them, every fixed name,
Lambda concurrency, AWS Config's service-linked role and leftovers, the certificate) and prints the findings and the
threatDetection modes to choose.
  --environment NAME  the environment to check (default: the assembly's only one)
  --config FILE       take the environment from the environmentName of this JSON config file
  --out DIR           the cloud assembly to read (default: cdk.out)
  --endpoint URL      talk to an AWS API emulator at URL instead of AWS
Exits 1 when anything blocks the deploy, including anything it could not check (no credentials, a call denied).
Needs the AWS SDK v3 client packages (optional peer dependencies); a missing one is named with the command that
installs it.`;

/** A command line that cannot be run: says which argument and how to fix it. */
export class PreflightUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${PREFLIGHT_USAGE}`);
    this.name = 'PreflightUsageError';
  }
}

/** The `environmentName` of a JSON config file. */
function environmentOfConfig(file: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PreflightUsageError(`--config ${file} cannot be read as JSON (${(e as Error).message})`);
  }
  const name = (parsed as { environmentName?: unknown } | null)?.environmentName;
  if (typeof name !== 'string' || name === '')
    throw new PreflightUsageError(`--config ${file} sets no environmentName: give --environment NAME`);
  return name;
}

/** Parses the options of `preflight` (after the command name). */
export function parsePreflightArgs(args: readonly string[]): PreflightArgs {
  let outdir = 'cdk.out';
  let environment: string | undefined;
  let configFile: string | undefined;
  let endpoint: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (what: string): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new PreflightUsageError(`${arg} needs a value: ${arg} ${what}`);
      return v;
    };
    if (arg === '--out') outdir = value('DIR');
    else if (arg === '--environment') environment = value('NAME');
    else if (arg === '--config') configFile = value('FILE');
    else if (arg === '--endpoint') endpoint = value('URL');
    else
      throw new PreflightUsageError(
        `unknown argument '${arg}': use --environment NAME, --config FILE, --out DIR or --endpoint URL`,
      );
  }
  if (configFile !== undefined) {
    const fromConfig = environmentOfConfig(configFile);
    if (environment !== undefined && environment !== fromConfig)
      throw new PreflightUsageError(
        `--environment ${environment} and --config ${configFile} (environmentName '${fromConfig}') disagree: give one`,
      );
    environment = fromConfig;
  }
  return { outdir, environment, endpoint };
}
