/** DATA-2 and DATA-3's requirements, apart from the constructs that meet them. */

/** Aurora's automated backups are kept at least this many days. */
export const MIN_AURORA_BACKUP_RETENTION_DAYS = 7;

/** A daily recovery point is kept at least this many days, in both regions. */
export const MIN_RECOVERY_POINT_RETENTION_DAYS = 7;

/** S3 Replication Time Control's only accepted threshold, in minutes. */
export const REPLICATION_TIME_CONTROL_MINUTES = 15;

/** Storage classes that keep data in one zone: never allowed (DATA-1). */
export const SINGLE_ZONE_STORAGE_CLASSES: readonly string[] = ['ONEZONE_IA', 'EXPRESS_ONEZONE'];

/** A daily schedule: `cron(min hour * * ? *)`, one run a day, every day. */
export const DAILY_CRON = /^cron\(\s*\d{1,2}\s+\d{1,2}\s+\*\s+\*\s+\?\s+\*\s*\)$/;

/** Actions that delete a recovery point or shorten how long it is kept: break glass only, always. */
export const VAULT_RECOVERY_POINT_ACTIONS: readonly string[] = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
];

/** Actions that replace or remove a vault's access policy, or remove its lock: break glass only. */
export const VAULT_POLICY_AND_UNLOCK_ACTIONS: readonly string[] = [
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultLockConfiguration',
];

/**
 * Actions that set a vault's lock: break glass, and the deployment role (CloudFormation may set the lock after the
 * access policy when it creates the vault). A lock put frees no recovery point: deleting and shortening stay break
 * glass's alone.
 */
export const VAULT_LOCK_PUT_ACTIONS: readonly string[] = ['backup:PutBackupVaultLockConfiguration'];

/** The actions that replace or remove a backup vault's access policy or its lock (the break-glass role's grant). */
export const VAULT_POLICY_AND_LOCK_ACTIONS: readonly string[] = [
  ...VAULT_POLICY_AND_UNLOCK_ACTIONS,
  ...VAULT_LOCK_PUT_ACTIONS,
];

/**
 * Actions a backup vault's access policy denies to every principal but the named break-glass role (REST-3, DATA-2):
 * replacing or removing the policy or the lock would let a principal delete what the lock no longer holds. Only
 * VAULT_LOCK_PUT_ACTIONS may also be left to the deployment role.
 */
export const VAULT_GUARDED_ACTIONS: readonly string[] = [
  ...VAULT_POLICY_AND_LOCK_ACTIONS,
  ...VAULT_RECOVERY_POINT_ACTIONS,
];

/**
 * The actions AWS Config's backup-recovery-point-manual-deletion-disabled wants denied by ONE statement whose
 * principal and resource are wildcards (the rule's page, read 2026-12-06); a vault that splits them is
 * NON_COMPLIANT. The statement's exemptions go to the rule as `principalArnList`.
 */
export const CONFIG_RULE_DELETION_DENY_ACTIONS: readonly string[] = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:PutBackupVaultAccessPolicy',
];

/** The longest maximum retention AWS Backup's Vault Lock accepts, in days. */
export const MAX_VAULT_LOCK_RETENTION_DAYS = 36_500;

/** The dump connects to the database verifying the server's certificate and host name (libpq's strictest mode). */
export const DUMP_TLS_MODE = 'verify-full';
