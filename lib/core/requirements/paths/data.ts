import type { ClaimId } from '../../claims/claim';
import type { PlatformRole } from '../../platform-roles';
import { MIN_RECOVERY_POINT_RETENTION_DAYS } from '../data';

/**
 * Data paths: for each class of stored data, where a new object or recovery point ends up and for how long. The
 * evaluator (compliance/paths/data) walks each path hop by hop with the semantics S3 replication and lifecycle, AWS
 * Backup and EventBridge Scheduler document. Resources are named by the roles their constructs declare.
 */
interface DataPathBase {
  /** Unique, kebab-case; named in results and in the evidence. */
  readonly id: string;
  readonly claim: ClaimId;
  readonly expectation: 'required' | 'forbidden';
  readonly description: string;
}

/** A new object written under a key: where it is kept, and for how long, in its bucket and in its replica. */
export interface ObjectPathRequirement extends DataPathBase {
  readonly path: 'object';
  readonly expectation: 'required';
  readonly bucket: PlatformRole;
  /** The key the object is written under (a sample key under the prefix the writer uses). */
  readonly objectKey: string;
  /** The tags it is written with (replication and lifecycle filters may read them). @default - none */
  readonly objectTags?: Readonly<Record<string, string>>;
  /** The bucket in the other region S3 must replicate it to, with Replication Time Control. @default - not judged */
  readonly replica?: PlatformRole;
  /** Days the object stays the current version at its key, in the bucket and in the replica. */
  readonly minimumDays: number;
  /** Overwritten or deleted versions must expire, after at least this many days. @default - not judged */
  readonly noncurrentVersionsExpireAfterAtLeastDays?: number;
  /** Object Lock must hold every version at least this many days, in the bucket and the replica. @default - not judged */
  readonly objectLockDays?: number;
}

/** Forbidden: an object written under a key stays in its bucket only (S3 replicates it nowhere). */
export interface UnreplicatedObjectRequirement extends DataPathBase {
  readonly path: 'unreplicated-object';
  readonly expectation: 'forbidden';
  readonly bucket: PlatformRole;
  readonly objectKey: string;
  readonly objectTags?: Readonly<Record<string, string>>;
  /** The replica whose replication closes the path. */
  readonly replica: PlatformRole;
}

/** The AWS Backup resources a recovery point travels through. */
export interface BackupRoles {
  readonly selection: PlatformRole;
  readonly plan: PlatformRole;
  readonly vault: PlatformRole;
}

/** A recovery point of each store: taken daily into the vault, kept long enough, and (optionally) copied away. */
export interface RecoveryPointRequirement extends DataPathBase {
  readonly path: 'recovery-point';
  readonly expectation: 'required';
  /** One path per store. */
  readonly stores: readonly PlatformRole[];
  readonly backup: BackupRoles;
  /** Days a recovery point is kept in the vault (and a copy in the copy vault). */
  readonly minimumDays: number;
  /** The vault in the other region every recovery point must be copied to. @default - not judged */
  readonly copyTo?: PlatformRole;
}

/** Forbidden: a recovery point (or its copy) is deleted before the minimum, by any rule of the plan. */
export interface ShortLivedRecoveryPointRequirement extends DataPathBase {
  readonly path: 'short-lived-recovery-point';
  readonly expectation: 'forbidden';
  readonly plan: PlatformRole;
  /** `vault`: the rule's own lifecycle; `copy`: each copy action's lifecycle. */
  readonly place: 'vault' | 'copy';
  readonly minimumDays: number;
}

/** The scheduled dump: started daily, by the schedule, as the dump task in its cluster, and kept in its bucket. */
export interface ScheduledDumpRequirement extends DataPathBase {
  readonly path: 'scheduled-dump';
  readonly expectation: 'required';
  readonly schedule: PlatformRole;
  readonly cluster: PlatformRole;
  readonly taskDefinition: PlatformRole;
  readonly bucket: PlatformRole;
  readonly objectKey: string;
  /** Days each dump is kept: the current version at its key, and under Object Lock. */
  readonly minimumDays: number;
}

export type DataPathRequirement =
  | ObjectPathRequirement
  | UnreplicatedObjectRequirement
  | RecoveryPointRequirement
  | ShortLivedRecoveryPointRequirement
  | ScheduledDumpRequirement;

const BACKUP: BackupRoles = { selection: 'backup-selection', plan: 'backup-plan', vault: 'primary-vault' };
const STATEFUL_STORES: readonly PlatformRole[] = ['database-cluster', 'uploads-bucket', 'dumps-bucket'];
/** Sample keys: an upload, and a dump under the prefix the dump task writes to (see the dump task's DUMP_TARGET). */
const UPLOAD_KEY = 'uploads/path-proof.bin';
const DUMP_KEY = 'postgres/path-proof.dump.gpg';

/** Every data path the claims rely on (required) or rule out (forbidden). */
export const DATA_PATH_REQUIREMENTS: readonly DataPathRequirement[] = [
  {
    id: 'data2-daily-recovery-point',
    claim: 'DATA-2',
    expectation: 'required',
    description: 'every stateful store gets a recovery point every day, kept in the primary vault for the minimum',
    path: 'recovery-point',
    stores: STATEFUL_STORES,
    backup: BACKUP,
    minimumDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
  },
  {
    id: 'data2-recovery-point-kept-too-briefly',
    claim: 'DATA-2',
    expectation: 'forbidden',
    description: 'a rule of the backup plan deletes its recovery points before the minimum',
    path: 'short-lived-recovery-point',
    plan: 'backup-plan',
    place: 'vault',
    minimumDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
  },
  {
    id: 'data3-recovery-point-copied',
    claim: 'DATA-3',
    expectation: 'required',
    description:
      "every stateful store's daily recovery point is copied to the recovery region's vault and kept there for the minimum",
    path: 'recovery-point',
    stores: STATEFUL_STORES,
    backup: BACKUP,
    minimumDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
    copyTo: 'recovery-vault',
  },
  {
    id: 'data3-recovery-point-copy-kept-too-briefly',
    claim: 'DATA-3',
    expectation: 'forbidden',
    description: 'a copy action of the backup plan deletes its copies (or makes none) before the minimum',
    path: 'short-lived-recovery-point',
    plan: 'backup-plan',
    place: 'copy',
    minimumDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
  },
  {
    id: 'data3-upload-replicated',
    claim: 'DATA-3',
    expectation: 'required',
    description: 'a new upload is replicated to the recovery region within 15 minutes (RTC) and kept in both',
    path: 'object',
    bucket: 'uploads-bucket',
    objectKey: UPLOAD_KEY,
    replica: 'uploads-replica-bucket',
    minimumDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
  },
  {
    id: 'data3-upload-stays-unreplicated',
    claim: 'DATA-3',
    expectation: 'forbidden',
    description: 'a new upload stays in the primary region only',
    path: 'unreplicated-object',
    bucket: 'uploads-bucket',
    objectKey: UPLOAD_KEY,
    replica: 'uploads-replica-bucket',
  },
  {
    id: 'data3-dump-replicated',
    claim: 'DATA-3',
    expectation: 'required',
    description: 'a new dump is replicated to the recovery region within 15 minutes (RTC) and locked in both',
    path: 'object',
    bucket: 'dumps-bucket',
    objectKey: DUMP_KEY,
    replica: 'dumps-replica-bucket',
    minimumDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
    objectLockDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
  },
  {
    id: 'data4-upload-versioned',
    claim: 'DATA-4',
    expectation: 'required',
    description: 'a new upload is versioned: kept as the current version, and overwritten versions expire by lifecycle',
    path: 'object',
    bucket: 'uploads-bucket',
    objectKey: UPLOAD_KEY,
    minimumDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
    noncurrentVersionsExpireAfterAtLeastDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
  },
  {
    id: 'rest3-daily-dump',
    claim: 'REST-3',
    expectation: 'required',
    description: 'the GPG dump task is started every day in its cluster and each dump is kept (locked) for the minimum',
    path: 'scheduled-dump',
    schedule: 'dump-schedule',
    cluster: 'dump-cluster',
    taskDefinition: 'dump-task-definition',
    bucket: 'dumps-bucket',
    objectKey: DUMP_KEY,
    minimumDays: MIN_RECOVERY_POINT_RETENTION_DAYS,
  },
];
