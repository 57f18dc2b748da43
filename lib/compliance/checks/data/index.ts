import { Check } from '../check';
import { auroraInstancesInDistinctZones } from './data1-aurora-instances-in-distinct-zones';
import { noSingleZoneStorage } from './data1-no-single-zone-storage';
import { auroraBackupRetention } from './data2-aurora-backup-retention';
import { backupPlanDailyRule } from './data2-backup-plan-daily-rule';
import { storesInDailyBackupSelection } from './data2-stores-in-daily-backup-selection';
import { bucketReplicationTimeControl } from './data3-bucket-replication-time-control';
import { dailyCopiesLeaveRegion } from './data3-daily-copies-leave-region';
import { uploadsReplicatedToAnotherRegion } from './data3-uploads-replicated-to-another-region';
import { customerDataBucketHardened } from './data4-customer-data-bucket-hardened';
import { uploadsReachedPrivately } from './data4-uploads-reached-privately';
import { customerDataBucketCmk } from './rest1-customer-data-bucket-cmk';
import { everyDataStoreEncryptedAtRest } from './rest1-every-data-store-encrypted-at-rest';
import { databaseStorageCmk } from './rest2-database-storage-cmk';
import { backupVaultCmk } from './rest3-backup-vault-cmk';
import { dumpClientMatchesEngine } from './rest3-dump-client-matches-engine';
import { gpgDumpScheduled } from './rest3-gpg-dump-scheduled';
import { vaultsInBothRegions } from './rest3-vaults-in-both-regions';
import { vaultsLockedAndGuarded } from './rest3-vaults-locked-and-guarded';
import { databaseForcesTls } from './transit1-database-forces-tls';

export {
  auroraInstancesInDistinctZones,
  noSingleZoneStorage,
  auroraBackupRetention,
  backupPlanDailyRule,
  storesInDailyBackupSelection,
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
};

/** Checks owned by the data, backup and dumps (DATA-1..4, REST-1..3) area; one check per file beside this index, named after its id. */
export const DATA_CHECKS: readonly Check[] = [
  auroraInstancesInDistinctZones,
  noSingleZoneStorage,
  auroraBackupRetention,
  backupPlanDailyRule,
  storesInDailyBackupSelection,
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
];
