import type { ClaimId } from '../../claims/claim';
import type { PlatformRole } from '../../platform-roles';
import type { TlsVersion } from '../elb-security-policies';
import { REQUIRED_WAF_MANAGED_RULE_GROUPS } from '../monitoring';
import { SECURITY_TXT_PATH } from '../response';

/**
 * The HTTP paths each claim names: a request from the internet to the platform's domain, through the load balancer,
 * the listener on its port, the TLS policy, the web ACL, the listener's rules by priority and the action taken.
 * Requirements select the load balancer and the service by role; the listener is the one on the request's port.
 */

/** A request as the client sends it; the host is always the platform's domain. */
export interface HttpRequestSpec {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  readonly port: number;
  /** The URL path; omitted for "any path", where every rule of the listener may take the request. */
  readonly path?: string;
  /** Versions the client offers, one record each (https only); the request is evaluated once per version. */
  readonly tlsVersions?: readonly TlsVersion[];
}

/** What the platform must do (required) or must never do (forbidden) with the request. */
export type HttpOutcome =
  /** The load balancer forwards it to the target group(s) of the resource with `targetRole` only. */
  | { readonly kind: 'forward'; readonly targetRole: PlatformRole }
  /** The load balancer answers a redirect to https on 443 (301 or 302), same host. */
  | { readonly kind: 'redirect-https' }
  /** The load balancer answers itself with a fixed response: this status, content type and body fields. */
  | {
      readonly kind: 'fixed-response';
      readonly statusCode: string;
      readonly contentType: string;
      /** Field names that must each start a line of the body with a value (`Contact`, `Expires`). */
      readonly bodyFields: readonly string[];
    }
  /** The request is forwarded to a target or answered with content (anything but a redirect). */
  | { readonly kind: 'served' }
  /** The TLS handshake with the offered version is accepted. */
  | { readonly kind: 'tls-handshake' }
  /** The response carries Strict-Transport-Security with at least core's minimum max-age. */
  | { readonly kind: 'hsts' }
  /** The web ACL on the load balancer inspects the request with each of these AWS managed groups, blocking. */
  | { readonly kind: 'waf-inspection'; readonly managedRuleGroups: readonly string[] };

export interface HttpPathRequirement {
  readonly id: string;
  readonly claim: ClaimId;
  readonly expectation: 'required' | 'forbidden';
  readonly description: string;
  readonly request: HttpRequestSpec;
  readonly outcome: HttpOutcome;
}

export const HTTP_PATH_REQUIREMENTS: readonly HttpPathRequirement[] = [
  {
    id: 'transit-1-https-root-forwards-to-service',
    claim: 'TRANSIT-1',
    expectation: 'required',
    description: 'GET https://<domain>/ over TLS 1.2 and TLS 1.3 is forwarded to the service',
    request: { method: 'GET', scheme: 'https', port: 443, path: '/', tlsVersions: ['TLSv1.2', 'TLSv1.3'] },
    outcome: { kind: 'forward', targetRole: 'service' },
  },
  {
    id: 'transit-1-https-sends-hsts',
    claim: 'TRANSIT-1',
    expectation: 'required',
    description: 'responses on 443 carry Strict-Transport-Security for at least a year',
    request: { method: 'GET', scheme: 'https', port: 443, path: '/' },
    outcome: { kind: 'hsts' },
  },
  {
    id: 'transit-1-legacy-tls-refused',
    claim: 'TRANSIT-1',
    expectation: 'forbidden',
    description: 'a TLS 1.0 or TLS 1.1 handshake on 443 is accepted',
    request: { method: 'GET', scheme: 'https', port: 443, path: '/', tlsVersions: ['TLSv1', 'TLSv1.1'] },
    outcome: { kind: 'tls-handshake' },
  },
  {
    id: 'transit-1-http-only-redirects',
    claim: 'TRANSIT-1',
    expectation: 'required',
    description: 'http://<domain>/<any path> on 80 is only ever answered with a redirect to https on 443',
    request: { method: 'GET', scheme: 'http', port: 80 },
    outcome: { kind: 'redirect-https' },
  },
  {
    id: 'transit-1-http-never-served',
    claim: 'TRANSIT-1',
    expectation: 'forbidden',
    description: 'a request on 80 is forwarded to a target or answered with content',
    request: { method: 'GET', scheme: 'http', port: 80 },
    outcome: { kind: 'served' },
  },
  {
    id: 'response-1-security-txt-answered-by-load-balancer',
    claim: 'RESPONSE-1',
    expectation: 'required',
    description: `GET https://<domain>${SECURITY_TXT_PATH} is answered by the load balancer itself (200, text/plain, Contact and Expires), never forwarded`,
    request: { method: 'GET', scheme: 'https', port: 443, path: SECURITY_TXT_PATH, tlsVersions: ['TLSv1.2'] },
    outcome: {
      kind: 'fixed-response',
      statusCode: '200',
      contentType: 'text/plain',
      bodyFields: ['Contact', 'Expires'],
    },
  },
  {
    id: 'monitor-2-waf-inspects-every-https-request',
    claim: 'MONITOR-2',
    expectation: 'required',
    description: 'every request on 443 is inspected by the web ACL with each required AWS managed rule group blocking',
    request: { method: 'GET', scheme: 'https', port: 443 },
    outcome: { kind: 'waf-inspection', managedRuleGroups: REQUIRED_WAF_MANAGED_RULE_GROUPS },
  },
];
