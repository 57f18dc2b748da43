/** What every SDK client of a run shares: an endpoint other than AWS (tests: a local emulator). */
export interface ClientOptions {
  readonly endpoint?: string;
}

export function errorName(e: unknown): string {
  return (e as { name?: string }).name ?? String(e);
}

export function statusOf(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

const NOT_FOUND =
  /NotFound|NoSuch|ResourceNotFoundException|AccessDeniedException.*not subscribed|InvalidAccessException/;

/** The error says the thing asked about does not exist (or the service is not enabled), not that the call failed. */
export function absent(e: unknown): boolean {
  return NOT_FOUND.test(errorName(e)) || statusOf(e) === 404;
}

/** Every SDK client made during a run, closed at its end (their keep-alive sockets would hold the process). */
const openClients: { destroy(): void }[] = [];

export function open<T extends { destroy(): void }>(c: T): T {
  openClients.push(c);
  return c;
}

export function closeClients(): void {
  for (const c of openClients.splice(0)) c.destroy();
}
