import * as path from 'path';

/** What `secure-platform verify` was asked to do. */
export interface VerifyArgs {
  /** The cloud assembly whose templates name what to read. */
  readonly assembly: string;
  readonly environment?: string;
  /** Where the report goes. */
  readonly out: string;
  /** An AWS API endpoint instead of AWS (an emulator on loopback). */
  readonly endpoint?: string;
}

export const VERIFY_USAGE = `Usage: secure-platform verify [--environment NAME] [--assembly DIR] [--out DIR] [--endpoint URL]

Read-only, with credentials for the deployed account: reads, per claim of the security page, what makes it true today
(AWS Config rules' evaluations per resource, the last backup, copy and restore-test jobs per backed-up store,
replication and its last-hour metrics, the newest GPG dump, GuardDuty features and Security Hub standards, the trail's
status and last delivery, the stacks' last drift detection) and writes verify-report.md and verify-report.json.
  --environment NAME  the environment to verify (default: the assembly's only one)
  --assembly DIR      the synthesized cloud assembly naming what to read (default: cdk.out)
  --out DIR           where the report goes (default: cdk.out/verify)
  --endpoint URL      talk to an AWS API emulator at URL instead of AWS
Exits 0 when every claim is verified, 1 otherwise: a fact that is bad, stale or could not be read (no credentials, a
call denied) keeps its claims from verified. Needs the AWS SDK v3 client packages (optional peer dependencies).`;

export class VerifyUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${VERIFY_USAGE}`);
    this.name = 'VerifyUsageError';
  }
}

/** Parses the options of `verify` (after the command name). */
export function parseVerifyArgs(args: readonly string[]): VerifyArgs {
  let assembly = 'cdk.out';
  let out: string | undefined;
  let environment: string | undefined;
  let endpoint: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (what: string): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new VerifyUsageError(`${arg} needs a value: ${arg} ${what}`);
      return v;
    };
    if (arg === '--assembly') assembly = value('DIR');
    else if (arg === '--out') out = value('DIR');
    else if (arg === '--environment') environment = value('NAME');
    else if (arg === '--endpoint') endpoint = value('URL');
    else
      throw new VerifyUsageError(
        `unknown argument '${arg}': use --environment NAME, --assembly DIR, --out DIR or --endpoint URL`,
      );
  }
  return { assembly, environment, endpoint, out: out ?? path.join('cdk.out', 'verify') };
}
