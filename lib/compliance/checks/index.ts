import type { Check } from './check';
import { noCardDataStore } from './billing-1/billing1-no-card-data-store';
import { noStripeKeyInEnvironment } from './billing-1/billing1-no-stripe-key-in-environment';
import { serviceEgressHttpsOnly } from './billing-1/billing1-service-egress-https-only';
import { stripeSecretCustomerManagedKey } from './billing-1/billing1-stripe-secret-customer-managed-key';
import { stripeSecretsReadOnlyByService } from './billing-1/billing1-stripe-secrets-read-only-by-service';
import { auroraInstancesInDistinctZones } from './data-1/data1-aurora-writer-and-readers-in-distinct-zones';
import { noSingleZoneStorage } from './data-1/data1-no-single-zone-storage-class';
import { auroraBackupRetention } from './data-2/data2-aurora-backup-retention-at-least-seven-days';
import { backupPlanDailyRule } from './data-2/data2-backup-plan-has-daily-rule';
import { storesInDailyBackupSelection } from './data-2/data2-stores-in-daily-backup-selection';
import { restoresTested } from './data-2/data2-restores-tested';
import { bucketReplicationTimeControl } from './data-3/data3-customer-data-bucket-replicates-with-rtc';
import { dailyCopiesLeaveRegion } from './data-3/data3-daily-copies-leave-region';
import { replicationFailuresAlarmed } from './data-3/data3-replication-failures-alarmed';
import { uploadsReplicatedToAnotherRegion } from './data-3/data3-uploads-replicated-to-another-region';
import { customerDataBucketHardened } from './data-4/data4-customer-data-bucket-hardened';
import { uploadsReachedPrivately } from './data-4/data4-uploads-reached-through-gateway-endpoint';
import { containersWriteOnlyWhatTheyOwn } from './ha-1/ha1-containers-write-only-what-they-own';
import { imagePlatformPinned } from './ha-1/ha1-image-platform-pinned';
import { serviceRedundantDeployment } from './ha-1/ha1-service-redundant-deployment';
import { tiersSpanThreeZones } from './ha-1/ha1-tiers-span-three-zones';
import { dataEventsCoverCustomerData } from './monitor-1/monitor1-data-events-cover-customer-data';
import { databaseBootstrapBeforeService } from './monitor-1/monitor1-database-bootstrap-before-service';
import { everyDataStoreAccessLogged } from './monitor-1/monitor1-every-data-store-access-logged';
import { masterSecretOnlyBootstrapAndDump } from './monitor-1/monitor1-master-secret-only-bootstrap-and-dump';
import { noManualSqlInShippedRunbooks } from './monitor-1/monitor1-no-manual-sql-in-runbooks';
import { pgauditExported } from './monitor-1/monitor1-pgaudit-exported';
import { trailMultiRegionValidatedEncrypted } from './monitor-1/monitor1-trail-multi-region-validated-encrypted';
import { trailBucketObjectLocked } from './monitor-1/monitor1-trail-bucket-object-locked';
import { serviceLogGroupsDeclared } from './monitor-1/monitor1-service-log-groups-declared';
import { cisAlarmsOnTrail } from './monitor-2/monitor2-cis-alarms-on-trail';
import { configRecordingInBothRegions } from './monitor-2/monitor2-config-recording-in-both-regions';
import { configRulesWatchEveryClaim } from './monitor-2/monitor2-config-rules-watch-every-claim';
import { loadBalancerWafManagedRules } from './monitor-2/monitor2-load-balancer-waf-managed-rules';
import { threatDetectionPresentOrDelegated } from './monitor-2/monitor2-threat-detection-present-or-delegated';
import { highSeverityFindingsAlerted } from './monitor-3/monitor3-high-severity-findings-alerted';
import { recoveryRegionFindingsForwarded } from './monitor-3/monitor3-recovery-region-findings-forwarded';
import { securityTxtAnswered } from './response-1/response1-security-txt-answered';
import { securityTxtExpiryReminded } from './response-1/response1-security-txt-expiry-reminded';
import { customerDataBucketCmk } from './rest-1/rest1-customer-data-bucket-customer-managed-key';
import { everyDataStoreEncryptedAtRest } from './rest-1/rest1-every-data-store-encrypted-at-rest';
import { databaseStorageCmk } from './rest-2/rest2-database-storage-customer-managed-key';
import { backupVaultCmk } from './rest-3/rest3-backup-vault-customer-managed-key';
import { dumpClientMatchesEngine } from './rest-3/rest3-dump-client-matches-engine';
import { dumpFailuresAlarmed } from './rest-3/rest3-dump-failures-alarmed';
import { gpgDumpScheduled } from './rest-3/rest3-gpg-dump-scheduled-daily';
import { vaultsInBothRegions } from './rest-3/rest3-vaults-encrypted-in-both-regions';
import { vaultsLockedAndGuarded } from './rest-3/rest3-vaults-locked-and-guarded';
import { bucketPolicyDeniesWeakTls } from './transit-1/transit1-bucket-policy-denies-weak-tls';
import { databaseForcesTls } from './transit-1/transit1-database-forces-tls';
import { httpsListenerHsts } from './transit-1/transit1-https-listener-sends-hsts';
import { listenerHttpsOrRedirect } from './transit-1/transit1-listener-https-or-redirect-only';
import { messagesRefusePlaintext } from './transit-1/transit1-messages-refuse-plaintext';
import { databaseInIsolatedSubnets } from './transit-2/transit2-database-in-isolated-subnets';
import { isolatedSubnetNoInternetRoute } from './transit-2/transit2-isolated-subnet-no-internet-route';
import { noDataStorePublic } from './transit-2/transit2-no-data-store-public';
import { publicIngressOnlyToLoadBalancer } from './transit-2/transit2-public-ingress-only-to-load-balancer';
import { securityGroupChain } from './transit-2/transit2-security-group-chain';
import { vpcFlowLogsAllTraffic } from './transit-2/transit2-vpc-flow-logs-all-traffic';

export * from './check';
export * from './run-checks';
export * from './billing-1/billing1-no-card-data-store';
export * from './billing-1/billing1-no-stripe-key-in-environment';
export * from './billing-1/billing1-service-egress-https-only';
export * from './billing-1/billing1-stripe-secret-customer-managed-key';
export * from './billing-1/billing1-stripe-secrets-read-only-by-service';
export * from './data-1/data1-aurora-writer-and-readers-in-distinct-zones';
export * from './data-1/data1-no-single-zone-storage-class';
export * from './data-2/data2-aurora-backup-retention-at-least-seven-days';
export * from './data-2/data2-backup-plan-has-daily-rule';
export * from './data-2/data2-stores-in-daily-backup-selection';
export * from './data-2/data2-restores-tested';
export * from './data-3/data3-customer-data-bucket-replicates-with-rtc';
export * from './data-3/data3-daily-copies-leave-region';
export * from './data-3/data3-replication-failures-alarmed';
export * from './data-3/data3-uploads-replicated-to-another-region';
export * from './data-4/data4-customer-data-bucket-hardened';
export * from './data-4/data4-uploads-reached-through-gateway-endpoint';
export * from './ha-1/ha1-containers-write-only-what-they-own';
export * from './ha-1/ha1-image-platform-pinned';
export * from './ha-1/ha1-service-redundant-deployment';
export * from './ha-1/ha1-tiers-span-three-zones';
export * from './monitor-1/monitor1-data-events-cover-customer-data';
export * from './monitor-1/monitor1-database-bootstrap-before-service';
export * from './monitor-1/monitor1-every-data-store-access-logged';
export * from './monitor-1/monitor1-master-secret-only-bootstrap-and-dump';
export * from './monitor-1/monitor1-no-manual-sql-in-runbooks';
export * from './monitor-1/monitor1-pgaudit-exported';
export * from './monitor-1/monitor1-trail-multi-region-validated-encrypted';
export * from './monitor-1/monitor1-trail-bucket-object-locked';
export * from './monitor-1/monitor1-service-log-groups-declared';
export * from './monitor-2/monitor2-cis-alarms-on-trail';
export * from './monitor-2/monitor2-config-recording-in-both-regions';
export * from './monitor-2/monitor2-config-rules-watch-every-claim';
export * from './monitor-2/monitor2-load-balancer-waf-managed-rules';
export * from './monitor-2/monitor2-threat-detection-present-or-delegated';
export * from './monitor-3/monitor3-high-severity-findings-alerted';
export * from './monitor-3/monitor3-recovery-region-findings-forwarded';
export * from './response-1/response1-security-txt-answered';
export * from './response-1/response1-security-txt-expiry-reminded';
export * from './rest-1/rest1-customer-data-bucket-customer-managed-key';
export * from './rest-1/rest1-every-data-store-encrypted-at-rest';
export * from './rest-2/rest2-database-storage-customer-managed-key';
export * from './rest-3/rest3-backup-vault-customer-managed-key';
export * from './rest-3/rest3-dump-client-matches-engine';
export * from './rest-3/rest3-dump-failures-alarmed';
export * from './rest-3/rest3-gpg-dump-scheduled-daily';
export * from './rest-3/rest3-vaults-encrypted-in-both-regions';
export * from './rest-3/rest3-vaults-locked-and-guarded';
export * from './transit-1/transit1-bucket-policy-denies-weak-tls';
export * from './transit-1/transit1-database-forces-tls';
export * from './transit-1/transit1-https-listener-sends-hsts';
export * from './transit-1/transit1-listener-https-or-redirect-only';
export * from './transit-1/transit1-messages-refuse-plaintext';
export * from './transit-2/transit2-database-in-isolated-subnets';
export * from './transit-2/transit2-isolated-subnet-no-internet-route';
export * from './transit-2/transit2-no-data-store-public';
export * from './transit-2/transit2-public-ingress-only-to-load-balancer';
export * from './transit-2/transit2-security-group-chain';
export * from './transit-2/transit2-vpc-flow-logs-all-traffic';

/**
 * The checks that judge template properties, one per file in the folder of its claim (`checks/<claim>/<check id>.ts`).
 * The registry (lib/compliance/registry.ts) gathers them with the flow and path proofs and the redundancy analysis.
 */
export const PROPERTY_CHECKS: readonly Check[] = [
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
  auroraInstancesInDistinctZones,
  noSingleZoneStorage,
  auroraBackupRetention,
  backupPlanDailyRule,
  storesInDailyBackupSelection,
  restoresTested,
  bucketReplicationTimeControl,
  dailyCopiesLeaveRegion,
  uploadsReplicatedToAnotherRegion,
  customerDataBucketHardened,
  uploadsReachedPrivately,
  customerDataBucketCmk,
  everyDataStoreEncryptedAtRest,
  databaseStorageCmk,
  backupVaultCmk,
  dumpClientMatchesEngine,
  gpgDumpScheduled,
  vaultsInBothRegions,
  vaultsLockedAndGuarded,
  databaseForcesTls,
  noCardDataStore,
  noStripeKeyInEnvironment,
  serviceEgressHttpsOnly,
  stripeSecretCustomerManagedKey,
  stripeSecretsReadOnlyByService,
  replicationFailuresAlarmed,
  dataEventsCoverCustomerData,
  databaseBootstrapBeforeService,
  everyDataStoreAccessLogged,
  masterSecretOnlyBootstrapAndDump,
  noManualSqlInShippedRunbooks,
  pgauditExported,
  trailMultiRegionValidatedEncrypted,
  trailBucketObjectLocked,
  serviceLogGroupsDeclared,
  cisAlarmsOnTrail,
  configRecordingInBothRegions,
  configRulesWatchEveryClaim,
  threatDetectionPresentOrDelegated,
  highSeverityFindingsAlerted,
  recoveryRegionFindingsForwarded,
  securityTxtExpiryReminded,
  dumpFailuresAlarmed,
];
