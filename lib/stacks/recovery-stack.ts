import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { declarePlatformRole } from '../core/platform-roles';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BackupBreakGlassRole } from '../backup/backup-break-glass-role';
import { AirGappedBackupVault } from '../backup/air-gapped-backup-vault';
import { LockedBackupVault } from '../backup/locked-backup-vault';
import { RestoreTesting } from '../backup/restore-testing';
import { RestoreTestNetwork } from '../backup/restore-test-network';
import { AccessLogBucket } from '../data/access-log-bucket';
import { ReplicaBucket } from '../data/replica-bucket';
import { PlatformKeys } from '../keys/platform-keys';
import { physicalNames } from '../config/physical-names';
import { breakGlassTrustedPrincipalArns } from '../config/break-glass-trust';
import { breakGlassRoleArn, deploymentRoleArn } from './private/break-glass-role-arn';
import { PlatformStackProps } from './platform-stack-props';

/**
 * The second region: recovery vault and replica buckets (DATA-3, REST-1, REST-3). Deploys before the primary
 * stacks; everything the primary region refers to here has a deterministic name, and every principal of the primary
 * region named here is named by its fixed ARN, so no cross-region reference exists.
 */
export class RecoveryStack extends Stack {
  readonly keys: PlatformKeys;
  readonly vault: LockedBackupVault;
  readonly uploadReplica: ReplicaBucket;
  readonly dumpReplica: ReplicaBucket;
  readonly accessLogs: AccessLogBucket;
  /** Declared when config names no `backup.breakGlassRoleArn` (IAM is global; this stack deploys first). */
  readonly breakGlass?: BackupBreakGlassRole;
  /** Restore tests of the cluster's and the uploads' copies in the recovery vault (config `backup.restoreTesting`). */
  readonly restoreTesting?: RestoreTesting;
  /** Where restored clusters land here: isolated subnets of a VPC of their own (this region has no other). */
  readonly restoreNetwork?: RestoreTestNetwork;
  /** The logically air-gapped copy vault, when config `backup.logicallyAirGappedVault.enabled` (docs/air-gapped-vault.md). */
  readonly airGappedVault?: AirGappedBackupVault;

  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const c = props.config;
    this.zones = [...c.recoveryRegion.availabilityZones];
    const roleArn = (name: string) =>
      this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: name });

    // Alias prefix gives `physicalNames.recoveryDataKeyAlias`, which the primary's replication rules name.
    this.keys = new PlatformKeys(this, 'Keys', { aliasPrefix: `alias/${c.environmentName}/recovery` });
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs');
    const vaultArn = (region: string, name: string) =>
      this.formatArn({
        service: 'backup',
        region,
        resource: 'backup-vault',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    if (!c.backup.breakGlassRoleArn) {
      this.breakGlass = new BackupBreakGlassRole(this, 'BackupBreakGlass', {
        roleName: physicalNames.backupBreakGlassRole(c),
        vaultArns: [
          vaultArn(c.primaryRegion.region, physicalNames.primaryVault(c)),
          vaultArn(c.recoveryRegion.region, physicalNames.recoveryVault(c)),
          ...(c.backup.logicallyAirGappedVault.enabled
            ? [vaultArn(c.recoveryRegion.region, physicalNames.airGappedVault(c))]
            : []),
        ],
        // IAM users with MFA, or the Identity Center roles of backup.breakGlass (SSO sessions carry no MFA key).
        trustedPrincipalArns: breakGlassTrustedPrincipalArns(c),
      });
    }
    // Every copy arrives with the plan's retention; the lock holds each exactly that long.
    this.vault = new LockedBackupVault(this, 'RecoveryVault', {
      vaultName: physicalNames.recoveryVault(c),
      encryptionKey: this.keys.backup,
      lockMode: c.backup.vaultLockMode,
      minRetention: Duration.days(c.backup.retentionDays),
      breakGlassRoleArn: breakGlassRoleArn(c),
      deploymentRoleArn: deploymentRoleArn(c, c.recoveryRegion.region),
    });
    this.keys.backup.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PrimaryBackupRoleCopiesIntoRecoveryVault',
        principals: [new iam.AnyPrincipal()],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:DescribeKey',
          'kms:CreateGrant',
        ],
        resources: ['*'],
        conditions: {
          ArnEquals: { 'aws:PrincipalArn': roleArn(physicalNames.backupRole(c)) },
          // AWS Backup copies into the vault, and re-encrypts an Aurora snapshot copy by calling RDS here.
          StringEquals: {
            'kms:ViaService': [`backup.${this.region}.amazonaws.com`, `rds.${this.region}.amazonaws.com`],
          },
        },
      }),
    );

    const airGapped = c.backup.logicallyAirGappedVault;
    if (airGapped.enabled) {
      // Under this region's backup key, whose policy already lets the primary backup role copy in through AWS Backup.
      this.airGappedVault = new AirGappedBackupVault(this, 'AirGappedVault', {
        vaultName: physicalNames.airGappedVault(c),
        encryptionKey: this.keys.backup,
        minRetentionDays: airGapped.minRetentionDays,
        maxRetentionDays: airGapped.maxRetentionDays,
        breakGlassRoleArn: breakGlassRoleArn(c),
      });
      declarePlatformRole(this.airGappedVault.vault, 'air-gapped-vault');
    }

    this.uploadReplica = new ReplicaBucket(this, 'UploadReplica', {
      bucketName: physicalNames.uploadReplicaBucket(c),
      encryptionKey: this.keys.data,
      serverAccessLogsBucket: this.accessLogs.bucket,
      replicationRoleArn: roleArn(physicalNames.uploadReplicationRole(c)),
      sourceRegion: c.primaryRegion.region,
    });
    this.dumpReplica = new ReplicaBucket(this, 'DumpReplica', {
      bucketName: physicalNames.dumpReplicaBucket(c),
      encryptionKey: this.keys.data,
      serverAccessLogsBucket: this.accessLogs.bucket,
      replicationRoleArn: roleArn(physicalNames.dumpReplicationRole(c)),
      sourceRegion: c.primaryRegion.region,
      objectLockRetention: dumpObjectLock(c.backup.vaultLockMode, c.backup.retentionDays),
      // Its own expiry: the source's lifecycle delete markers are not replicated.
      currentVersionExpirationDays: c.backup.retentionDays,
      dataClassification: 'database-dump-replica',
    });

    if (c.backup.restoreTesting.enabled) {
      this.restoreNetwork = new RestoreTestNetwork(this, 'RestoreTestNetwork', {
        availabilityZones: c.recoveryRegion.availabilityZones,
        logKey: this.keys.logs,
      });
      this.restoreTesting = new RestoreTesting(this, 'RestoreTesting', {
        planName: physicalNames.restoreTestingPlan(c, 'recovery'),
        vaultArn: this.vault.vault.backupVaultArn,
        vaultKeyArn: this.keys.backup.keyArn,
        scheduleExpression: c.backup.restoreTesting.scheduleExpression,
        validationWindowHours: c.backup.restoreTesting.validationWindowHours,
        // Copies are snapshots; the protected resource keeps the source bucket's ARN.
        recoveryPointTypes: ['SNAPSHOT'],
        buckets: {
          bucketArns: [`arn:${this.partition}:s3:::${physicalNames.uploadBucket(c)}`],
          keyArn: this.keys.data.keyArn,
        },
        // The copies keep the source cluster's ARN; AWS Backup re-encrypts them with this vault's key
        // (docs/restore-testing.md), which the restored cluster keeps.
        database: {
          clusterArn: `arn:${this.partition}:rds:${c.primaryRegion.region}:${this.account}:cluster:${physicalNames.databaseCluster(c)}`,
          subnetGroupName: this.restoreNetwork.subnetGroup.subnetGroupName,
          securityGroupIds: [this.restoreNetwork.securityGroup.securityGroupId],
          keyArn: this.keys.backup.keyArn,
        },
      });
      declarePlatformRole(this.restoreNetwork.vpc, 'recovery-restore-vpc');
      declarePlatformRole(this.restoreNetwork.flowLogGroup, 'recovery-restore-flow-log-group');
      declarePlatformRole(this.restoreNetwork.subnetGroup, 'recovery-restored-database-subnet-group');
      declarePlatformRole(this.restoreNetwork.securityGroup, 'recovery-restored-database-security-group');
      declarePlatformRole(this.restoreTesting.plan, 'restore-testing-plan');
      for (const s of this.restoreTesting.selections) declarePlatformRole(s, 'restore-testing-selection');
      declarePlatformRole(this.restoreTesting.role, 'restore-testing-role');
    }

    // The roles core's requirements select these resources by (never by construct id).
    if (this.breakGlass) declarePlatformRole(this.breakGlass.role, 'break-glass-role');
    declarePlatformRole(this.vault.vault, 'recovery-vault');
    declarePlatformRole(this.uploadReplica.bucket, 'uploads-replica-bucket');
    declarePlatformRole(this.dumpReplica.bucket, 'dumps-replica-bucket');
  }

  /** The configured zones: with an explicit account, the default would look them up through AWS at synth (the restore-test VPC). */
  get availabilityZones(): string[] {
    return this.zones;
  }
}

/** Dumps are locked for the backup retention, in the same mode as the vaults; the replica keeps the same lock. */
export function dumpObjectLock(mode: 'governance' | 'compliance', days: number): s3.ObjectLockRetention {
  return mode === 'compliance'
    ? s3.ObjectLockRetention.compliance(Duration.days(days))
    : s3.ObjectLockRetention.governance(Duration.days(days));
}
