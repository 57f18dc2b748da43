import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/**
 * TLS 1.3 with TLS 1.2 as the floor, restricted to forward-secret AEAD ciphers, with post-quantum hybrid key
 * exchange. Never `SslPolicy.RECOMMENDED` (ELBSecurityPolicy-2016-08, which still allows TLS 1.0).
 */
export const DEFAULT_SSL_POLICY = elbv2.SslPolicy.TLS13_12_RES_PQ;
