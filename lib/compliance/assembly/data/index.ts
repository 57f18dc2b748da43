import { AssemblyCheck } from '../assembly-check';
import { storesInDailyBackupSelection } from './data2-stores-in-daily-backup-selection';
import { dailyCopiesLeaveRegion } from './data3-daily-copies-leave-region';
import { uploadsReplicatedToAnotherRegion } from './data3-uploads-replicated-to-another-region';
import { uploadsReachedPrivately } from './data4-uploads-reached-privately';
import { gpgDumpScheduled } from './rest3-gpg-dump-scheduled';
import { vaultsInBothRegions } from './rest3-vaults-in-both-regions';
import { vaultsLockedAndGuarded } from './rest3-vaults-locked-and-guarded';

export {
  storesInDailyBackupSelection,
  dailyCopiesLeaveRegion,
  uploadsReplicatedToAnotherRegion,
  uploadsReachedPrivately,
  gpgDumpScheduled,
  vaultsInBothRegions,
  vaultsLockedAndGuarded,
};

/** App-wide checks owned by the data area; one check per file beside this index. */
export const DATA_ASSEMBLY_CHECKS: readonly AssemblyCheck[] = [
  storesInDailyBackupSelection,
  dailyCopiesLeaveRegion,
  uploadsReplicatedToAnotherRegion,
  uploadsReachedPrivately,
  vaultsInBothRegions,
  vaultsLockedAndGuarded,
  gpgDumpScheduled,
];
