import { ClaimRule } from '../claim-rule';
import { httpsListenerHsts } from './transit1-https-listener-hsts';
import { bucketPolicyDeniesWeakTls } from './transit1-bucket-policy-denies-weak-tls';
import { listenerHttpsOrRedirect } from './transit1-listener-https-or-redirect';
import { isolatedSubnetNoInternetRoute } from './transit2-isolated-subnet-no-internet-route';
import { publicIngressOnlyToLoadBalancer } from './transit2-public-ingress-only-to-load-balancer';
import { vpcFlowLogsAllTraffic } from './transit2-vpc-flow-logs-all-traffic';
import { serviceRedundantDeployment } from './ha1-service-redundant-deployment';
import { loadBalancerWafManagedRules } from './monitor2-load-balancer-waf-managed-rules';
import { securityTxtAnswered } from './response1-security-txt-answered';

export {
  httpsListenerHsts,
  bucketPolicyDeniesWeakTls,
  listenerHttpsOrRedirect,
  isolatedSubnetNoInternetRoute,
  publicIngressOnlyToLoadBalancer,
  vpcFlowLogsAllTraffic,
  serviceRedundantDeployment,
  loadBalancerWafManagedRules,
  securityTxtAnswered,
};

/** Claims-pack rules for network, edge and service (TRANSIT-1, TRANSIT-2, HA-1, MONITOR-2 WAF, RESPONSE-1); one rule per file beside this index. */
export const NETWORK_RULES: readonly ClaimRule[] = [
  listenerHttpsOrRedirect,
  httpsListenerHsts,
  bucketPolicyDeniesWeakTls,
  vpcFlowLogsAllTraffic,
  publicIngressOnlyToLoadBalancer,
  isolatedSubnetNoInternetRoute,
  serviceRedundantDeployment,
  loadBalancerWafManagedRules,
  securityTxtAnswered,
];
