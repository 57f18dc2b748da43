import { ClaimRule } from '../claim-rule';
import { auroraInstancesInDistinctZones } from './data1-aurora-instances-in-distinct-zones';
import { noSingleZoneStorage } from './data1-no-single-zone-storage';
import { auroraBackupRetention } from './data2-aurora-backup-retention';
import { backupPlanDailyRule } from './data2-backup-plan-daily-rule';
import { bucketReplicationTimeControl } from './data3-bucket-replication-time-control';
import { customerDataBucketHardened } from './data4-customer-data-bucket-hardened';
import { customerDataBucketCmk } from './rest1-customer-data-bucket-cmk';
import { databaseStorageCmk } from './rest2-database-storage-cmk';
import { backupVaultCmk } from './rest3-backup-vault-cmk';
import { databaseForcesTls } from './transit1-database-forces-tls';

export {
  auroraInstancesInDistinctZones,
  noSingleZoneStorage,
  auroraBackupRetention,
  backupPlanDailyRule,
  bucketReplicationTimeControl,
  customerDataBucketHardened,
  customerDataBucketCmk,
  databaseStorageCmk,
  backupVaultCmk,
  databaseForcesTls,
};

/** Claims-pack rules for data, backup and dumps (DATA-1..4, REST-1..3); one rule per file beside this index. */
export const DATA_RULES: readonly ClaimRule[] = [
  auroraInstancesInDistinctZones,
  noSingleZoneStorage,
  auroraBackupRetention,
  backupPlanDailyRule,
  bucketReplicationTimeControl,
  customerDataBucketHardened,
  customerDataBucketCmk,
  databaseStorageCmk,
  backupVaultCmk,
  databaseForcesTls,
];
