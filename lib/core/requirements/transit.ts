/**
 * TRANSIT-1's requirements, apart from the constructs that meet them: trimming a construct default cannot loosen
 * the check that judges it.
 */

/** ELB security policies whose lowest protocol is TLS 1.2 or 1.3. */
export const TLS12_MINIMUM_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)/;

/** True when an ELB security policy name allows nothing below TLS 1.2. */
export function isTls12MinimumPolicy(policyName: string): boolean {
  return TLS12_MINIMUM_POLICY.test(policyName);
}

/** One year: the least HSTS max-age that preload lists and TRANSIT-1 accept. */
export const MIN_HSTS_MAX_AGE_SECONDS = 31_536_000;

/** The ALB listener attribute that sets the Strict-Transport-Security header. */
export const HSTS_LISTENER_ATTRIBUTE = 'routing.http.response.strict_transport_security.header_value';

/** The lowest TLS version a bucket policy may let through (`s3:TlsVersion`). */
export const MIN_S3_TLS_VERSION = 1.2;
