import { Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../core/acknowledge';
import { PlatformConstructError } from '../core/errors';
import { LockedBackupVault, VaultLockMode } from './locked-backup-vault';
import { nagResourceText } from './private/nag-finding-id';

export interface CrossRegionBackupProps {
  /** Name of the vault in this region. */
  readonly vaultName: string;
  /** Customer managed key of this region's vault. */
  readonly vaultKey: kms.IKey;
  /** Keys that encrypt the protected resources; the backup role may use them (and nothing else). */
  readonly resourceKeys: readonly kms.IKey[];
  /** ARN of the vault in the recovery region every recovery point is copied to, built from config. */
  readonly recoveryVaultArn: string;
  /** Aurora clusters to protect (continuous backup, point-in-time restore). */
  readonly clusters: readonly rds.DatabaseCluster[];
  /** Versioned buckets to protect (continuous backup). */
  readonly buckets: readonly s3.IBucket[];
  /** UTC hour (0-23) of the daily rule. @default 3 */
  readonly dailyHourUtc?: number;
  /** Days a daily recovery point and its copy are kept. @default 35 */
  readonly retentionDays?: number;
  /**
   * Fixed name of the backup role, so the recovery region's vault key can name it before it exists.
   * @default - generated
   */
  readonly roleName?: string;
  /** Vault Lock mode of this region's vault; `compliance` is irreversible after 72 hours. @default 'governance' */
  readonly lockMode?: VaultLockMode;
  /**
   * The role this region's vault access policy exempts (see LockedBackupVault).
   * @default - no exception
   */
  readonly breakGlassRoleArn?: string;
  /** The CloudFormation execution role deploying this region's vault: it may set the lock (see LockedBackupVault). @default - none */
  readonly deploymentRoleArn?: string;
  /**
   * ARN of a logically air-gapped vault (AirGappedBackupVault) that every daily recovery point is also copied to, kept
   * `retentionDays`. In addition to the copy to `recoveryVaultArn`, never instead: DATA-3's copy in a second region
   * stays in a vault the platform locks and restore-tests, and the air-gapped copy adds a third that no principal of
   * the account can delete early.
   * @default - no air-gapped copy
   */
  readonly airGappedVaultArn?: string;
}

/** AWS Backup keeps continuous (point-in-time) backups at most this long. */
const MAX_CONTINUOUS_DAYS = 35;

/**
 * A daily AWS Backup plan whose rule copies every recovery point to a vault in the recovery region, with continuous
 * backup for the database and the buckets, and a selection that names each protected resource (DATA-2, DATA-3,
 * REST-3). The backup role is scoped to exactly those resources; no AWS managed policy is attached.
 */
export class CrossRegionBackup extends Construct {
  readonly vault: LockedBackupVault;
  readonly plan: backup.BackupPlan;
  readonly role: iam.Role;
  readonly selection: backup.BackupSelection;

  constructor(scope: Construct, id: string, props: CrossRegionBackupProps) {
    super(scope, id);
    const hour = props.dailyHourUtc ?? 3;
    const retentionDays = props.retentionDays ?? 35;
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
      throw new PlatformConstructError({
        code: 'CrossRegionBackup.dailyHourUtc',
        scope: this,
        setting: 'dailyHourUtc',
        value: hour,
        problem: 'is not an hour',
        fix: 'give a whole number from 0 to 23 (default 3)',
      });
    }
    if (!Number.isInteger(retentionDays) || retentionDays < 7) {
      throw new PlatformConstructError({
        code: 'CrossRegionBackup.retentionDays',
        scope: this,
        setting: 'retentionDays',
        value: retentionDays,
        problem: 'is below 7 days (DATA-2)',
        fix: 'keep recovery points at least 7 days (default 35)',
      });
    }
    if (props.clusters.length + props.buckets.length === 0) {
      throw new PlatformConstructError({
        code: 'CrossRegionBackup.selection',
        scope: this,
        setting: 'clusters and buckets',
        value: [],
        problem: 'are both empty: a plan that selects nothing proves nothing (DATA-2)',
        fix: 'pass the database cluster and the buckets',
      });
    }
    const stack = Stack.of(this);
    const [, , , recoveryRegion] = props.recoveryVaultArn.split(':');
    if (recoveryRegion === stack.region) {
      throw new PlatformConstructError({
        code: 'CrossRegionBackup.recoveryVaultArn',
        scope: this,
        setting: 'recoveryVaultArn',
        value: props.recoveryVaultArn,
        problem: `is in this region (${stack.region}); copies must leave the region (DATA-3)`,
        fix: "pass the recovery region's vault ARN",
      });
    }

    // Recovery points here are kept as long as the rule says (continuous backups at most 35 days); the lock holds
    // them exactly that long.
    const localRetentionDays = Math.min(retentionDays, MAX_CONTINUOUS_DAYS);
    this.vault = new LockedBackupVault(this, 'Vault', {
      vaultName: props.vaultName,
      encryptionKey: props.vaultKey,
      lockMode: props.lockMode,
      minRetention: Duration.days(localRetentionDays),
      breakGlassRoleArn: props.breakGlassRoleArn,
      deploymentRoleArn: props.deploymentRoleArn,
    });
    const recoveryVault = backup.BackupVault.fromBackupVaultArn(this, 'RecoveryVault', props.recoveryVaultArn);
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: this.vault.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'DailyWithCrossRegionCopy',
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: String(hour) }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          enableContinuousBackup: true,
          deleteAfter: Duration.days(localRetentionDays),
          copyActions: [
            { destinationBackupVault: recoveryVault, deleteAfter: Duration.days(retentionDays) },
            ...(props.airGappedVaultArn
              ? [
                  {
                    destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
                      this,
                      'AirGappedVault',
                      props.airGappedVaultArn,
                    ),
                    deleteAfter: Duration.days(retentionDays),
                  },
                ]
              : []),
          ],
        }),
      ],
    });

    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup role of the platform plan, scoped to the selected cluster and buckets',
    });
    this.selection = this.plan.addSelection('Resources', {
      role: this.role,
      disableDefaultBackupPolicy: true,
      allowRestores: false,
      resources: [
        ...props.clusters.map((c) => backup.BackupResource.fromArn(c.clusterArn)),
        ...props.buckets.map((b) => backup.BackupResource.fromArn(b.bucketArn)),
      ],
    });
    this.grantBackupRole(props);
    for (const cluster of props.clusters) this.acknowledgeInstances(cluster);
  }

  private grantBackupRole(props: CrossRegionBackupProps): void {
    const stack = Stack.of(this);
    const recoveryRegion = props.recoveryVaultArn.split(':')[3];
    const rdsArn = (resource: string, region = stack.region) =>
      `arn:${stack.partition}:rds:${region}:${stack.account}:${resource}`;
    // AWS Backup copies an Aurora snapshot by calling RDS in the destination region with this role, so the snapshot
    // actions are needed on the snapshots AWS Backup owns in both regions.
    const backupSnapshots = [
      rdsArn('cluster-snapshot:awsbackup:*'),
      rdsArn('cluster-snapshot:awsbackup:*', recoveryRegion),
    ];
    const eventRules = `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/AwsBackupManagedRule*`;
    const statements: iam.PolicyStatement[] = [];
    if (props.clusters.length) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'SnapshotTheSelectedClusters',
          actions: [
            'rds:DescribeDBClusters',
            'rds:CreateDBClusterSnapshot',
            'rds:ListTagsForResource',
            'rds:AddTagsToResource',
            'rds:ModifyDBCluster',
          ],
          resources: props.clusters.map((c) => c.clusterArn),
        }),
        new iam.PolicyStatement({
          sid: 'ManageBackupOwnedSnapshots',
          actions: [
            'rds:CreateDBClusterSnapshot',
            'rds:DescribeDBClusterSnapshots',
            'rds:CopyDBClusterSnapshot',
            'rds:AddTagsToResource',
            'rds:ListTagsForResource',
            'rds:ModifyDBClusterSnapshotAttribute',
            'rds:DeleteDBClusterSnapshot',
          ],
          resources: backupSnapshots,
        }),
      );
    }
    if (props.buckets.length) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'ReadTheSelectedBuckets',
          actions: [
            's3:GetBucketTagging',
            's3:GetInventoryConfiguration',
            's3:PutInventoryConfiguration',
            's3:ListBucketVersions',
            's3:ListBucket',
            's3:GetBucketVersioning',
            's3:GetBucketLocation',
            's3:GetBucketAcl',
            's3:GetBucketNotification',
            's3:PutBucketNotification',
            's3:GetBucketObjectLockConfiguration',
          ],
          resources: props.buckets.map((b) => b.bucketArn),
        }),
        new iam.PolicyStatement({
          sid: 'BackupManagedChangeEventRules',
          actions: [
            'events:DescribeRule',
            'events:EnableRule',
            'events:PutRule',
            'events:DeleteRule',
            'events:PutTargets',
            'events:RemoveTargets',
            'events:ListTargetsByRule',
            'events:DisableRule',
          ],
          resources: [eventRules],
        }),
        new iam.PolicyStatement({
          sid: 'ReadBucketMetricsAndRules',
          actions: ['cloudwatch:GetMetricData', 'events:ListRules'],
          resources: ['*'],
        }),
      );
      // Object reads are granted on each bucket's policy, so no wildcard object ARN sits on this role.
      for (const bucket of props.buckets) {
        bucket.addToResourcePolicy(
          new iam.PolicyStatement({
            sid: 'AwsBackupReadsObjects',
            principals: [this.role],
            actions: [
              's3:GetObject',
              's3:GetObjectVersion',
              's3:GetObjectAcl',
              's3:GetObjectVersionAcl',
              's3:GetObjectTagging',
              's3:GetObjectVersionTagging',
            ],
            resources: [bucket.arnForObjects('*')],
          }),
        );
      }
    }
    statements.push(
      new iam.PolicyStatement({
        sid: 'UseTheDataAndVaultKeysThroughServices',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'],
        resources: [...props.resourceKeys.map((k) => k.keyArn), props.vaultKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'CopyIntoTheRecoveryVault',
        actions: ['backup:CopyIntoBackupVault'],
        resources: [props.recoveryVaultArn, ...(props.airGappedVaultArn ? [props.airGappedVaultArn] : [])],
      }),
    );
    const policy = new iam.ManagedPolicy(this, 'RolePolicy', {
      description: 'AWS Backup of the selected cluster and buckets, and copy to the recovery vault',
      roles: [this.role],
      statements,
    });
    // The only wildcards left are names AWS Backup generates itself, and two read-only APIs without resource types.
    if (props.clusters.length) {
      acknowledgeFinding(
        policy,
        ...backupSnapshots.map((arn) => ({
          rule: `AwsSolutions-IAM5[Resource::${nagResourceText(this, arn)}]`,
          claim: 'DATA-2' as const,
          reason:
            'AWS Backup names the cluster snapshots it creates and copies awsbackup:job-<id>, unknown before each job; the prefix limits the role to snapshots AWS Backup owns in this account, in this region and in the recovery region it copies to',
        })),
      );
    }
    if (props.buckets.length) {
      acknowledgeFinding(
        policy,
        {
          rule: `AwsSolutions-IAM5[Resource::${nagResourceText(this, eventRules)}]`,
          claim: 'DATA-2',
          reason:
            'Continuous S3 backup tracks changes through EventBridge rules that AWS Backup creates and names AwsBackupManagedRule-<id>; the prefix limits the role to those rules in this account and region',
        },
        {
          rule: 'AwsSolutions-IAM5[Resource::*]',
          claim: 'DATA-2',
          reason:
            'Only cloudwatch:GetMetricData and events:ListRules use Resource *: both are read-only and have no resource type in IAM, so they cannot be scoped further (AWS Backup reads bucket size and its own rules)',
        },
      );
    }
  }

  /** Aurora is backed up at cluster level; its instances hold no storage of their own. */
  private acknowledgeInstances(cluster: rds.DatabaseCluster): void {
    const reason = `Aurora storage belongs to the cluster, not its instances; AWS Backup protects Aurora at cluster level and the cluster ${cluster.node.path} is in backup selection ${this.selection.node.path}`;
    for (const instance of cluster.node.findAll().filter((c) => c instanceof rds.CfnDBInstance)) {
      acknowledgeFinding(
        instance,
        { rule: 'NIST.800.53.R5-RDSInBackupPlan', claim: 'DATA-2', reason },
        { rule: 'HIPAA.Security-RDSInBackupPlan', claim: 'DATA-2', reason },
      );
    }
  }
}
