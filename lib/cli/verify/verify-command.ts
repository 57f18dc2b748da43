import { renderVerifySummary } from './render-verify';
import { runVerify, VerifyOptions } from './run-verify';
import { VerifyArgs } from './verify-args';
import { writeVerifyReport } from './write-verify';

/**
 * Runs verify, writes its report, prints the summary and returns the exit code: 0 only when every claim is verified.
 * `options` adds what a command line cannot give (tests: middleware, the SDK, the clock).
 */
export async function runVerifyCommand(
  args: VerifyArgs,
  log: (text: string) => void = console.log,
  options: Omit<VerifyOptions, 'assembly' | 'environment' | 'endpoint'> = {},
): Promise<number> {
  const report = await runVerify({
    ...options,
    assembly: args.assembly,
    environment: args.environment,
    endpoint: args.endpoint,
  });
  const files = writeVerifyReport(report, args.out);
  log(renderVerifySummary(report, files));
  return report.verified ? 0 : 1;
}
