import { Check } from '../check';
import { containersWriteOnlyWhatTheyOwn } from './ha1-containers-write-only-what-they-own';
import { imagePlatformPinned } from './ha1-image-platform-pinned';
import { serviceRedundantDeployment } from './ha1-service-redundant-deployment';
import { tiersSpanThreeZones } from './ha1-tiers-span-three-zones';
import { loadBalancerWafManagedRules } from './monitor2-load-balancer-waf-managed-rules';
import { securityTxtAnswered } from './response1-security-txt-answered';
import { bucketPolicyDeniesWeakTls } from './transit1-bucket-policy-denies-weak-tls';
import { httpsListenerHsts } from './transit1-https-listener-hsts';
import { listenerHttpsOrRedirect } from './transit1-listener-https-or-redirect';
import { messagesRefusePlaintext } from './transit1-messages-refuse-plaintext';
import { databaseInIsolatedSubnets } from './transit2-database-in-isolated-subnets';
import { isolatedSubnetNoInternetRoute } from './transit2-isolated-subnet-no-internet-route';
import { noDataStorePublic } from './transit2-no-data-store-public';
import { publicIngressOnlyToLoadBalancer } from './transit2-public-ingress-only-to-load-balancer';
import { securityGroupChain } from './transit2-security-group-chain';
import { vpcFlowLogsAllTraffic } from './transit2-vpc-flow-logs-all-traffic';

export {
  containersWriteOnlyWhatTheyOwn,
  imagePlatformPinned,
  serviceRedundantDeployment,
  tiersSpanThreeZones,
  loadBalancerWafManagedRules,
  securityTxtAnswered,
  bucketPolicyDeniesWeakTls,
  httpsListenerHsts,
  listenerHttpsOrRedirect,
  messagesRefusePlaintext,
  databaseInIsolatedSubnets,
  isolatedSubnetNoInternetRoute,
  noDataStorePublic,
  publicIngressOnlyToLoadBalancer,
  securityGroupChain,
  vpcFlowLogsAllTraffic,
};

/** Checks owned by the network and edge (TRANSIT-1..2, HA-1, MONITOR-2 WAF, RESPONSE-1) area; one check per file beside this index, named after its id. */
export const NETWORK_CHECKS: readonly Check[] = [
  containersWriteOnlyWhatTheyOwn,
  imagePlatformPinned,
  serviceRedundantDeployment,
  tiersSpanThreeZones,
  loadBalancerWafManagedRules,
  securityTxtAnswered,
  bucketPolicyDeniesWeakTls,
  httpsListenerHsts,
  listenerHttpsOrRedirect,
  messagesRefusePlaintext,
  databaseInIsolatedSubnets,
  isolatedSubnetNoInternetRoute,
  noDataStorePublic,
  publicIngressOnlyToLoadBalancer,
  securityGroupChain,
  vpcFlowLogsAllTraffic,
];
