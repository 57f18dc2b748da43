import { Check } from '../check';
import { noCardDataStore } from './billing1-no-card-data-store';
import { noStripeKeyInEnvironment } from './billing1-no-stripe-key-in-environment';
import { serviceEgressHttpsOnly } from './billing1-service-egress-https-only';
import { stripeSecretCustomerManagedKey } from './billing1-stripe-secret-customer-managed-key';
import { stripeSecretsReadOnlyByService } from './billing1-stripe-secrets-read-only-by-service';
import { replicationFailuresAlarmed } from './data3-replication-failures-alarmed';
import { dataEventsCoverCustomerData } from './monitor1-data-events-cover-customer-data';
import { databaseBootstrapBeforeService } from './monitor1-database-bootstrap-before-service';
import { everyDataStoreAccessLogged } from './monitor1-every-data-store-access-logged';
import { masterSecretOnlyBootstrapAndDump } from './monitor1-master-secret-only-bootstrap-and-dump';
import { noManualSqlInRunbooks, noManualSqlInShippedRunbooks } from './monitor1-no-manual-sql-in-runbooks';
import { pgauditExported } from './monitor1-pgaudit-exported';
import { trailMultiRegionValidatedEncrypted } from './monitor1-trail-multi-region-validated-encrypted';
import { cisAlarmsOnTrail } from './monitor2-cis-alarms-on-trail';
import { configRecordingInBothRegions } from './monitor2-config-recording-in-both-regions';
import { configRulesWatchEveryClaim } from './monitor2-config-rules-watch-every-claim';
import { threatDetectionPresentOrDelegated } from './monitor2-threat-detection-present-or-delegated';
import { highSeverityFindingsAlerted } from './monitor3-high-severity-findings-alerted';
import { recoveryRegionFindingsForwarded } from './monitor3-recovery-region-findings-forwarded';
import { securityTxtExpiryReminded } from './response1-security-txt-expiry-reminded';
import { dumpFailuresAlarmed } from './rest3-dump-failures-alarmed';

export {
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
  noManualSqlInRunbooks,
  noManualSqlInShippedRunbooks,
  pgauditExported,
  trailMultiRegionValidatedEncrypted,
  cisAlarmsOnTrail,
  configRecordingInBothRegions,
  configRulesWatchEveryClaim,
  threatDetectionPresentOrDelegated,
  highSeverityFindingsAlerted,
  recoveryRegionFindingsForwarded,
  securityTxtExpiryReminded,
  dumpFailuresAlarmed,
};

/** Checks owned by the monitoring and billing (MONITOR-1..3, BILLING-1) area; one check per file beside this index, named after its id. */
export const MONITORING_CHECKS: readonly Check[] = [
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
  cisAlarmsOnTrail,
  configRecordingInBothRegions,
  configRulesWatchEveryClaim,
  threatDetectionPresentOrDelegated,
  highSeverityFindingsAlerted,
  recoveryRegionFindingsForwarded,
  securityTxtExpiryReminded,
  dumpFailuresAlarmed,
];
