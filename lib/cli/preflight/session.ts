import type { InitializeMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import type { Sdk } from './sdk';

/** How every SDK client of a run is made. */
export interface ClientOptions {
  /** An AWS API endpoint to talk to instead of AWS (an emulator on loopback). @default - AWS */
  readonly endpoint?: string;
  /**
   * Middleware added to every client, first in its stack (tests: answers a call the emulator does not serve).
   * @default - none
   */
  readonly middleware?: InitializeMiddleware<object, MetadataBearer>;
}

/** What the preflight needs of a client: to add middleware to it and to close its sockets. */
interface SdkClient {
  readonly middlewareStack: MiddlewareStack<object, MetadataBearer>;
  destroy(): void;
}

/** The SDK and the clients of one run; `close()` ends their keep-alive sockets, which would hold the process. */
export class AwsSession {
  private readonly clients: SdkClient[] = [];

  constructor(
    readonly sdk: Sdk,
    private readonly options: ClientOptions = {},
  ) {}

  /** The configuration of a client for one region. */
  config(region: string): { region: string; endpoint?: string } {
    return { region, endpoint: this.options.endpoint };
  }

  /** True when the run talks to an emulator (S3 then needs path-style addressing). */
  get emulated(): boolean {
    return this.options.endpoint !== undefined;
  }

  /** Registers a client of this run (adding the run's middleware) and returns it. */
  open<T extends SdkClient>(client: T): T {
    if (this.options.middleware)
      client.middlewareStack.add(this.options.middleware, { step: 'initialize', priority: 'high' });
    this.clients.push(client);
    return client;
  }

  close(): void {
    for (const c of this.clients.splice(0)) c.destroy();
  }
}

export function errorName(e: unknown): string {
  return (e as { name?: string }).name ?? String(e);
}

/** The error's name and, when it says more, its message: what a finding shows of a failed call. */
export function errorText(e: unknown): string {
  const name = errorName(e);
  const message = (e as { message?: string }).message?.split('\n')[0].trim();
  return message && message !== name && message !== 'UnknownError' ? `${name}: ${message}` : name;
}

export function statusOf(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

const NOT_FOUND = /NotFound|NoSuch|ResourceNotFoundException|InvalidAccessException/;

/**
 * The error says the thing asked about does not exist (or, for Security Hub's InvalidAccessException, that the
 * service is not enabled), not that the call failed. By name only: a bare 404 can also be an endpoint that does not
 * serve the call, which must not read as "free".
 */
export function absent(e: unknown): boolean {
  return NOT_FOUND.test(errorName(e));
}
