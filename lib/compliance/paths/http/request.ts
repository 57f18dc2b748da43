import type { TlsVersion } from '../../../core/requirements/elb-security-policies';
import type { HttpPathRequirement } from '../../../core/requirements/paths/http';

/** Three-valued match: a condition or statement the templates alone cannot decide is `unknown`, never a match. */
export type Tri = 'yes' | 'no' | 'unknown';

export function allOf(values: readonly Tri[]): Tri {
  if (values.includes('no')) return 'no';
  return values.includes('unknown') ? 'unknown' : 'yes';
}

export function anyOf(values: readonly Tri[]): Tri {
  if (values.includes('yes')) return 'yes';
  return values.includes('unknown') ? 'unknown' : 'no';
}

export function not(value: Tri): Tri {
  return value === 'unknown' ? 'unknown' : value === 'yes' ? 'no' : 'yes';
}

/** One concrete request of a requirement: its TLS version chosen; `path` undefined means any path. */
export interface HttpRequest {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  readonly port: number;
  readonly path?: string;
  readonly tls?: TlsVersion;
  /**
   * Whether the request stands for one well-behaved client (rate-based rules do not match it) or for every request
   * anyone may send, floods included.
   */
  readonly everyRequest: boolean;
}

export function requestsOf(requirement: HttpPathRequirement): HttpRequest[] {
  const { tlsVersions, ...request } = requirement.request;
  const everyRequest = request.path === undefined;
  return (tlsVersions?.length ? tlsVersions : [undefined]).map((tls) => ({ ...request, tls, everyRequest }));
}

export function describeRequest(r: HttpRequest): string {
  const port = (r.scheme === 'https' && r.port === 443) || (r.scheme === 'http' && r.port === 80) ? '' : `:${r.port}`;
  return `${r.method} ${r.scheme}://<domain>${port}${r.path ?? '/<any path>'} on ${r.port}${r.tls ? ` over ${r.tls}` : ''}`;
}

/**
 * The verdict of a hop the evaluator cannot judge: the one that makes the path fail (a required path blocks, a
 * forbidden one stays open), so the gate fails closed.
 */
export function undecided(expectation: 'required' | 'forbidden'): 'pass' | 'block' {
  return expectation === 'required' ? 'block' : 'pass';
}
