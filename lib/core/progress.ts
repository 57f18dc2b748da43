/**
 * One line per phase of a long command (building, judging, each stock pack, the evidence), so a person at a terminal
 * sees where a minute goes; quiet in CI logs and when the output is piped. The CDK CLI runs the app with a piped
 * stderr, so `npm run synth` passes its own terminal's choice on in SECURE_PLATFORM_PROGRESS (1 on, 0 off).
 */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export function showsProgress(
  stream: ProgressStream = process.stderr,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (env.SECURE_PLATFORM_PROGRESS === '0') return false;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  return env.SECURE_PLATFORM_PROGRESS === '1' || stream.isTTY === true;
}

/** Prints `secure-platform: <line>` where progress shows (see `showsProgress`). */
export function reportProgress(
  line: string,
  stream: ProgressStream = process.stderr,
  env: Readonly<Record<string, string | undefined>> = process.env,
): void {
  if (showsProgress(stream, env)) stream.write(`secure-platform: ${line}\n`);
}

/** Runs `work`, then reports `what` with how long it took. */
export function timedPhase<T>(what: string, work: () => T): T {
  const started = process.hrtime.bigint();
  const result = work();
  reportProgress(`${what} (${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
  return result;
}
