import type { ResolvedPlatformConfig } from './resolve-config';

/**
 * Deterministic physical names for what one region refers to in the other. Both stacks compute the same name
 * from config, so no cross-region custom resource or SSM lookup is needed.
 */
export const physicalNames = {
  recoveryVault: (c: ResolvedPlatformConfig) => `${c.environmentName}-recovery-vault`,
  primaryVault: (c: ResolvedPlatformConfig) => `${c.environmentName}-primary-vault`,
  /** The optional logically air-gapped vault in the recovery region; the primary plan copies to it by this name. */
  airGappedVault: (c: ResolvedPlatformConfig) => `${c.environmentName}-air-gapped-vault`,
  /** Named so that monitoring (CloudTrail data events) can cover it without a cross-stack reference. */
  uploadBucket: (c: ResolvedPlatformConfig) => `${c.environmentName}-uploads-${c.account}-${c.primaryRegion.region}`,
  dumpBucket: (c: ResolvedPlatformConfig) => `${c.environmentName}-dumps-${c.account}-${c.primaryRegion.region}`,
  uploadReplicaBucket: (c: ResolvedPlatformConfig) =>
    `${c.environmentName}-uploads-replica-${c.account}-${c.recoveryRegion.region}`,
  dumpReplicaBucket: (c: ResolvedPlatformConfig) =>
    `${c.environmentName}-dumps-replica-${c.account}-${c.recoveryRegion.region}`,
  /** Alias of the recovery region's data key; S3 replication accepts an alias ARN as the replica key. */
  recoveryDataKeyAlias: (c: ResolvedPlatformConfig) => `alias/${c.environmentName}/recovery/data`,
  /** S3 replication roles: the replica buckets and key in the recovery region name them before they exist. */
  uploadReplicationRole: (c: ResolvedPlatformConfig) =>
    `${c.environmentName}-uploads-replication-${c.primaryRegion.region}`,
  dumpReplicationRole: (c: ResolvedPlatformConfig) =>
    `${c.environmentName}-dumps-replication-${c.primaryRegion.region}`,
  /** AWS Backup role of the primary plan; the recovery region's backup key names it before it exists. */
  backupRole: (c: ResolvedPlatformConfig) => `${c.environmentName}-backup-${c.primaryRegion.region}`,
  /** The break-glass role the vault access policies exempt, when config names none (IAM is global: one per environment). */
  backupBreakGlassRole: (c: ResolvedPlatformConfig) => `${c.environmentName}-backup-break-glass`,
  /** Task definition family of the daily dump: the alert on a failed dump names it. */
  dumpTaskFamily: (c: ResolvedPlatformConfig) => `${c.environmentName}-gpg-dump`,
  /**
   * The dump task's essential container (GpgDumpTask's `Dump`); the dump-failure alert matches its exit code by this
   * name. The event path `dump-failed-alerts` binds the name from the synthesized task definition, so a drift fails.
   */
  dumpContainer: () => 'Dump',
  /** S3 request metrics filter of the dump prefix: the freshness alarm reads its PutRequests. */
  dumpRequestMetricsFilter: () => 'DumpObjectPuts',
  /** The daily dump check's function: the alarms on its Errors and Invocations (monitoring) name it. */
  dumpCheckFunction: (c: ResolvedPlatformConfig) => `${c.environmentName}-dump-check`,
  /** Restore testing plans (letters, digits and underscores only); the verify command and the evidence name them. */
  restoreTestingPlan: (c: ResolvedPlatformConfig, region: 'primary' | 'recovery') =>
    `${c.environmentName.replace(/[^A-Za-z0-9]/g, '_')}_restore_tests_${region}`.slice(0, 50),
  /** The Aurora cluster; also names its log group `/aws/rds/cluster/<id>/postgresql`. */
  databaseCluster: (c: ResolvedPlatformConfig) => `${c.environmentName}-db`,
  /** The service's task role; the Data stack's bucket policies name it without a cross-stack reference. */
  serviceTaskRole: (c: ResolvedPlatformConfig) => `${c.environmentName}-service-task-${c.primaryRegion.region}`,
};
