import { PreflightArgs } from './preflight-args';
import { renderPreflight } from './report';
import { PreflightOptions, runPreflight } from './run-preflight';

/**
 * Runs the preflight of `args`, prints its report and returns the exit code: 1 when anything blocks (anything not
 * checked included), else 0. `options` adds what a command line cannot give (tests: middleware, the SDK).
 */
export async function runPreflightCommand(
  args: PreflightArgs,
  log: (text: string) => void = console.log,
  options: Omit<PreflightOptions, 'outdir' | 'environment' | 'endpoint'> = {},
): Promise<number> {
  const report = await runPreflight({
    ...options,
    outdir: args.outdir,
    environment: args.environment,
    endpoint: args.endpoint,
  });
  log(renderPreflight(report));
  return report.blocking ? 1 : 0;
}
