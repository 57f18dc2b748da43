import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/**
 * TLS 1.3 with TLS 1.2 as the floor, restricted to forward-secret AEAD ciphers, with post-quantum hybrid key
 * exchange. Never `SslPolicy.RECOMMENDED` (ELBSecurityPolicy-2016-08, which still allows TLS 1.0).
 */
export const DEFAULT_SSL_POLICY = elbv2.SslPolicy.TLS13_12_RES_PQ;

/** Policy names whose lowest protocol is TLS 1.2 or 1.3 (TRANSIT-1). */
const TLS12_MINIMUM = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)/;

/** True when an ELB security policy name allows nothing below TLS 1.2. */
export function isTls12MinimumPolicy(policyName: string): boolean {
  return TLS12_MINIMUM.test(policyName);
}
