import { AssemblyCheck } from '../assembly-check';
import { serviceEgressHttpsOnly } from './billing1-service-egress-https-only';
import { stripeSecretsReadOnlyByService } from './billing1-stripe-secrets-read-only-by-service';
import { dataEventsCoverCustomerData } from './monitor1-data-events-cover-customer-data';
import { databaseBootstrapBeforeService } from './monitor1-database-bootstrap-before-service';
import { masterSecretOnlyBootstrapAndDump } from './monitor1-master-secret-only-bootstrap-and-dump';
import { noManualSqlInShippedRunbooks } from './monitor1-no-manual-sql-in-runbooks';
import { pgauditExported } from './monitor1-pgaudit-exported';
import { cisAlarmsOnTrail } from './monitor2-cis-alarms-on-trail';
import { threatDetectionPresentOrDelegated } from './monitor2-threat-detection-present-or-delegated';
import { highSeverityFindingsAlerted } from './monitor3-high-severity-findings-alerted';

export * from './billing1-service-egress-https-only';
export * from './billing1-stripe-secrets-read-only-by-service';
export * from './monitor1-data-events-cover-customer-data';
export * from './monitor1-database-bootstrap-before-service';
export * from './monitor1-master-secret-only-bootstrap-and-dump';
export * from './monitor1-no-manual-sql-in-runbooks';
export * from './monitor1-pgaudit-exported';
export * from './monitor2-cis-alarms-on-trail';
export * from './monitor2-threat-detection-present-or-delegated';
export * from './monitor3-high-severity-findings-alerted';

/** App-wide checks owned by the monitoring area; one check per file beside this index. */
export const MONITORING_ASSEMBLY_CHECKS: readonly AssemblyCheck[] = [
  dataEventsCoverCustomerData,
  pgauditExported,
  databaseBootstrapBeforeService,
  masterSecretOnlyBootstrapAndDump,
  noManualSqlInShippedRunbooks,
  threatDetectionPresentOrDelegated,
  cisAlarmsOnTrail,
  highSeverityFindingsAlerted,
  stripeSecretsReadOnlyByService,
  serviceEgressHttpsOnly,
];
