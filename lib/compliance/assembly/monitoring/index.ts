import { AssemblyCheck } from '../assembly-check';
import { replicationFailuresAlarmed } from './data3-replication-failures-alarmed';
import { securityTxtExpiryReminded } from './response1-security-txt-expiry-reminded';
import { dumpFailuresAlarmed } from './rest3-dump-failures-alarmed';
import { serviceEgressHttpsOnly } from './billing1-service-egress-https-only';
import { stripeSecretsReadOnlyByService } from './billing1-stripe-secrets-read-only-by-service';
import { dataEventsCoverCustomerData } from './monitor1-data-events-cover-customer-data';
import { pgauditExported } from './monitor1-pgaudit-exported';
import { cisAlarmsOnTrail } from './monitor2-cis-alarms-on-trail';
import { configRecordingInBothRegions } from './monitor2-config-recording-in-both-regions';
import { configRulesWatchEveryClaim } from './monitor2-config-rules-watch-every-claim';
import { threatDetectionPresentOrDelegated } from './monitor2-threat-detection-present-or-delegated';
import { highSeverityFindingsAlerted } from './monitor3-high-severity-findings-alerted';
import { recoveryRegionFindingsForwarded } from './monitor3-recovery-region-findings-forwarded';

export * from './billing1-service-egress-https-only';
export * from './billing1-stripe-secrets-read-only-by-service';
export * from './monitor1-data-events-cover-customer-data';
export * from './monitor1-pgaudit-exported';
export * from './monitor2-cis-alarms-on-trail';
export * from './config-rules-by-claim';
export * from './data3-replication-failures-alarmed';
export * from './response1-security-txt-expiry-reminded';
export * from './rest3-dump-failures-alarmed';
export * from './monitor2-config-recording-in-both-regions';
export * from './monitor2-config-rules-watch-every-claim';
export * from './monitor2-threat-detection-present-or-delegated';
export * from './monitor3-high-severity-findings-alerted';
export * from './monitor3-recovery-region-findings-forwarded';

/** App-wide checks owned by the monitoring area; one check per file beside this index. */
export const MONITORING_ASSEMBLY_CHECKS: readonly AssemblyCheck[] = [
  dataEventsCoverCustomerData,
  pgauditExported,
  threatDetectionPresentOrDelegated,
  configRecordingInBothRegions,
  configRulesWatchEveryClaim,
  cisAlarmsOnTrail,
  highSeverityFindingsAlerted,
  recoveryRegionFindingsForwarded,
  stripeSecretsReadOnlyByService,
  serviceEgressHttpsOnly,
  replicationFailuresAlarmed,
  dumpFailuresAlarmed,
  securityTxtExpiryReminded,
];
