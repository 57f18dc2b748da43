import { Stack } from 'aws-cdk-lib';
import { declarePlatformRole } from '../core/platform-roles';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AccessLogBucket } from '../data/access-log-bucket';
import { DatabaseBootstrap } from '../data/database-bootstrap';
import { EncryptedUploadBucket } from '../data/encrypted-upload-bucket';
import { MultiAzDatabase } from '../data/multi-az-database';
import { PlatformKeys } from '../keys/platform-keys';
import { CrossRegionBackup } from '../backup/cross-region-backup';
import { DEFAULT_DUMP_KEY_PREFIX, GpgDumpTask } from '../backup/gpg-dump-task';
import { physicalNames } from '../config/physical-names';
import { breakGlassRoleArn, deploymentRoleArn } from './private/break-glass-role-arn';
import { dumpObjectLock } from './recovery-stack';
import { VpcStackProps } from './vpc-stack-props';

/**
 * The stateful tier: database, upload and dump buckets, primary backup vault and plan (DATA-1..4, REST-1..3).
 * Termination protection is on: deleting this stack would be the one way to lose customer data.
 */
export class DataStack extends Stack {
  readonly keys: PlatformKeys;
  readonly database: MultiAzDatabase;
  /** The database's security group: no ingress here; the service stack adds the one rule it needs. */
  readonly databaseSecurityGroup: ec2.ISecurityGroup;
  readonly databasePort: number;
  /** RDS-managed master secret, encrypted with the data key. */
  readonly databaseSecret: secretsmanager.ISecret;
  readonly databaseEndpoint: rds.Endpoint;
  /** Roles and pgaudit settings of the database, applied on deploy (MONITOR-1). */
  readonly databaseBootstrap: DatabaseBootstrap;
  /** The application's database user (IAM authentication), read from the bootstrap so its users deploy after it. */
  readonly databaseUser: string;
  /** Resource id of the cluster, which IAM database authentication names in `rds-db:connect`. */
  readonly databaseResourceId: string;
  readonly uploads: EncryptedUploadBucket;
  readonly dumps: EncryptedUploadBucket;
  readonly accessLogs: AccessLogBucket;
  readonly backup: CrossRegionBackup;
  readonly dumpTask: GpgDumpTask;

  constructor(scope: Construct, id: string, props: VpcStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const c = props.config;
    // Literal partition: auditors (and template-only analyses) read the cross-region ARNs as written.
    const partition = partitionOf(c.recoveryRegion.region);
    const recoveryKeyArn = `arn:${partition}:kms:${c.recoveryRegion.region}:${c.account}:${physicalNames.recoveryDataKeyAlias(c)}`;

    this.keys = new PlatformKeys(this, 'Keys', { aliasPrefix: `alias/${c.environmentName}/primary` });
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs');

    this.database = new MultiAzDatabase(this, 'Database', {
      vpc: props.vpc,
      availabilityZones: c.primaryRegion.availabilityZones,
      encryptionKey: this.keys.data,
      logEncryptionKey: this.keys.logs,
      clusterIdentifier: physicalNames.databaseCluster(c),
      instanceType: new ec2.InstanceType(c.database.instanceType),
      readers: c.database.readers,
      backupRetentionDays: c.database.backupRetentionDays,
      databaseName: c.database.databaseName,
    });
    this.databaseSecurityGroup = this.database.securityGroup;
    this.databasePort = this.database.port;
    this.databaseSecret = this.database.credentialsSecret;
    this.databaseEndpoint = this.database.clusterEndpoint;
    this.databaseResourceId = this.database.cluster.clusterResourceIdentifier;

    this.databaseBootstrap = new DatabaseBootstrap(this, 'DatabaseBootstrap', {
      vpc: props.vpc,
      database: {
        cluster: this.database.cluster,
        securityGroup: this.database.securityGroup,
        port: this.database.port,
        databaseName: c.database.databaseName,
        masterSecret: this.database.credentialsSecret,
        masterSecretKey: this.keys.data,
      },
      logEncryptionKey: this.keys.logs,
      people: c.database.people,
    });
    this.databaseUser = this.databaseBootstrap.applicationUser;

    this.uploads = new EncryptedUploadBucket(this, 'Uploads', {
      bucketName: physicalNames.uploadBucket(c),
      encryptionKey: this.keys.data,
      serverAccessLogsBucket: this.accessLogs.bucket,
      replication: {
        destinationBucketName: physicalNames.uploadReplicaBucket(c),
        destinationRegion: c.recoveryRegion.region,
        destinationKeyArn: recoveryKeyArn,
        roleName: physicalNames.uploadReplicationRole(c),
      },
    });
    this.dumps = new EncryptedUploadBucket(this, 'Dumps', {
      bucketName: physicalNames.dumpBucket(c),
      encryptionKey: this.keys.data,
      serverAccessLogsBucket: this.accessLogs.bucket,
      objectLockRetention: dumpObjectLock(c.backup.vaultLockMode, c.backup.retentionDays),
      // Each dump has a key of its own and never becomes noncurrent: it expires after the retention it is locked for.
      currentVersionExpirationDays: c.backup.retentionDays,
      dataClassification: 'database-dump',
      requestMetrics: [{ id: physicalNames.dumpRequestMetricsFilter(), prefix: DEFAULT_DUMP_KEY_PREFIX }],
      replication: {
        destinationBucketName: physicalNames.dumpReplicaBucket(c),
        destinationRegion: c.recoveryRegion.region,
        destinationKeyArn: recoveryKeyArn,
        roleName: physicalNames.dumpReplicationRole(c),
      },
    });

    this.backup = new CrossRegionBackup(this, 'Backup', {
      vaultName: physicalNames.primaryVault(c),
      vaultKey: this.keys.backup,
      resourceKeys: [this.keys.data],
      recoveryVaultArn: `arn:${partition}:backup:${c.recoveryRegion.region}:${c.account}:backup-vault:${physicalNames.recoveryVault(c)}`,
      roleName: physicalNames.backupRole(c),
      clusters: [this.database.cluster],
      buckets: [this.uploads.bucket, this.dumps.bucket],
      dailyHourUtc: c.backup.dailyHourUtc,
      retentionDays: c.backup.retentionDays,
      lockMode: c.backup.vaultLockMode,
      breakGlassRoleArn: breakGlassRoleArn(c),
      deploymentRoleArn: deploymentRoleArn(c, c.primaryRegion.region),
    });

    this.dumpTask = new GpgDumpTask(this, 'DumpTask', {
      vpc: props.vpc,
      database: {
        securityGroup: this.database.securityGroup,
        port: this.database.port,
        // The writer: on a reader a long pg_dump is cancelled by replay conflicts (max_standby_streaming_delay).
        hostname: this.database.clusterEndpoint.hostname,
        databaseName: c.database.databaseName,
        secret: this.database.credentialsSecret,
      },
      bucket: this.dumps,
      gpgPublicKey: c.dump.gpgPublicKey,
      logEncryptionKey: this.keys.logs,
      dailyHourUtc: c.dump.dailyHourUtc,
      family: physicalNames.dumpTaskFamily(c),
    });

    // The roles core's requirements select these resources by (never by construct id).
    declarePlatformRole(this.database.cluster, 'database-cluster');
    declarePlatformRole(this.database.securityGroup, 'database-security-group');
    declarePlatformRole(this.databaseBootstrap.function, 'bootstrap-function');
    declarePlatformRole(this.databaseBootstrap.role, 'bootstrap-function-role');
    declarePlatformRole(this.databaseBootstrap.securityGroup, 'bootstrap-security-group');
    declarePlatformRole(this.databaseBootstrap.resource, 'database-bootstrap');
    declarePlatformRole(this.uploads.bucket, 'uploads-bucket');
    declarePlatformRole(this.uploads.node.findChild('ReplicationRole'), 'uploads-replication-role');
    declarePlatformRole(this.dumps.bucket, 'dumps-bucket');
    declarePlatformRole(this.dumps.node.findChild('ReplicationRole'), 'dumps-replication-role');
    declarePlatformRole(this.backup.plan, 'backup-plan');
    declarePlatformRole(this.backup.selection, 'backup-selection');
    declarePlatformRole(this.backup.role, 'backup-role');
    declarePlatformRole(this.backup.vault.vault, 'primary-vault');
    declarePlatformRole(this.dumpTask.cluster, 'dump-cluster');
    declarePlatformRole(this.dumpTask.taskDefinition, 'dump-task-definition');
    declarePlatformRole(this.dumpTask.taskRole, 'dump-task-role');
    declarePlatformRole(this.dumpTask.taskDefinition.obtainExecutionRole(), 'dump-execution-role');
    declarePlatformRole(this.dumpTask.securityGroup, 'dump-security-group');
    declarePlatformRole(this.dumpTask.logGroup, 'dump-log-group');
    declarePlatformRole(this.dumpTask.schedule, 'dump-schedule');
  }
}

/** The partition of a region, known from its name without a lookup. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
