import { Duration, Stack } from 'aws-cdk-lib';
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
import { RestoreTesting } from '../backup/restore-testing';
import { RestoreValidation } from '../backup/restore-validation';
import { DEFAULT_DUMP_KEY_PREFIX, GpgDumpTask } from '../backup/gpg-dump-task';
import { dumpKeyIdOf, GpgDumpCheck } from '../backup/gpg-dump-check';
import { LIVE_FACTS } from '../core/requirements/live-facts';
import { PlatformConstructError } from '../core/errors';
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
  /** Weekly restore tests of the cluster and the uploads, and their validation (unless config turns them off). */
  restoreTesting?: RestoreTesting;
  restoreValidation?: RestoreValidation;
  readonly dumpCheck: GpgDumpCheck;

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
      airGappedVaultArn: c.backup.logicallyAirGappedVault.enabled
        ? `arn:${partition}:backup:${c.recoveryRegion.region}:${c.account}:backup-vault:${physicalNames.airGappedVault(c)}`
        : undefined,
    });

    this.dumpTask = new GpgDumpTask(this, 'DumpTask', {
      vpc: props.vpc,
      database: {
        securityGroup: this.database.securityGroup,
        port: this.database.port,
        // The writer: on a reader a long pg_dump is cancelled by replay conflicts (max_standby_streaming_delay).
        hostname: this.database.clusterEndpoint.hostname,
        databaseName: c.database.databaseName,
        // Its own read-only login, never the master's: the master secret stays with the bootstrap.
        secret: this.databaseBootstrap.dumpReaderSecret,
      },
      bucket: this.dumps,
      gpgPublicKey: c.dump.gpgPublicKey,
      logEncryptionKey: this.keys.logs,
      dailyHourUtc: c.dump.dailyHourUtc,
      family: physicalNames.dumpTaskFamily(c),
    });

    // The newest dump read back daily: fresh within the window the dump alarms and `verify` use, to the key's subkey.
    const encryptionKey = c.dumpKey.encryptionKeyFingerprint;
    if (!encryptionKey) {
      throw new PlatformConstructError({
        code: 'DataStack.dump.gpgPublicKey',
        scope: this,
        setting: 'dump.gpgPublicKey',
        problem: 'has no encryption subkey openpgp could read at synth, so the dump check has no key id to expect',
        fix: 'give a literal ASCII-armored public key with a valid encryption subkey (gpg --armor --export KEYID)',
      });
    }
    this.dumpCheck = new GpgDumpCheck(this, 'DumpCheck', {
      vpc: props.vpc,
      bucket: this.dumps,
      recipientKeyIds: [dumpKeyIdOf(encryptionKey)],
      dumpHourUtc: c.dump.dailyHourUtc,
      maxAge: Duration.hours(LIVE_FACTS['dump-age'].maxAgeHours ?? 26),
      functionName: physicalNames.dumpCheckFunction(c),
      logEncryptionKey: this.keys.logs,
    });

    if (c.backup.restoreTesting.enabled) this.addRestoreTesting(props);

    // The dump's new login exists with its password before a task definition names it (first deploy of dump_reader).
    this.dumpTask.taskDefinition.node.addDependency(this.databaseBootstrap.resource);

    // The roles core's requirements select these resources by (never by construct id).
    declarePlatformRole(this.database.cluster, 'database-cluster');
    declarePlatformRole(this.database.securityGroup, 'database-security-group');
    declarePlatformRole(this.databaseBootstrap.function, 'bootstrap-function');
    declarePlatformRole(this.databaseBootstrap.role, 'bootstrap-function-role');
    declarePlatformRole(this.databaseBootstrap.securityGroup, 'bootstrap-security-group');
    declarePlatformRole(this.databaseBootstrap.resource, 'database-bootstrap');
    declarePlatformRole(this.databaseBootstrap.dumpReaderSecret, 'dump-reader-secret');
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
    declarePlatformRole(this.dumpCheck.function, 'dump-check-function');
    declarePlatformRole(this.dumpCheck.role, 'dump-check-role');
    declarePlatformRole(this.dumpCheck.logGroup, 'dump-check-log-group');
    declarePlatformRole(this.dumpCheck.schedule, 'dump-check-schedule');
  }

  /**
   * Restore tests of the primary vault's recovery points (the cluster and the uploads), validated by a function in the
   * private subnets. The dumps bucket is not restore-tested: its objects are GPG messages AWS cannot open; the dump
   * check and the restore drill prove those (docs/restore-testing.md).
   */
  private addRestoreTesting(props: VpcStackProps): void {
    const c = props.config;
    const settings = c.backup.restoreTesting;
    const validation = new RestoreValidation(this, 'RestoreValidation', {
      vpc: props.vpc,
      databasePort: this.database.port,
      databaseName: c.database.databaseName,
      loginSecret: this.databaseBootstrap.dumpReaderSecret,
      loginSecretKey: this.keys.data,
      sourceBucket: this.uploads.bucket,
      dataKey: this.keys.data,
      logEncryptionKey: this.keys.logs,
      expectedTables: settings.expectedTables,
      metricDimensionValue: c.environmentName,
    });
    const testing = new RestoreTesting(this, 'RestoreTesting', {
      planName: physicalNames.restoreTestingPlan(c, 'primary'),
      vaultArn: this.backup.vault.vault.backupVaultArn,
      vaultKeyArn: this.keys.backup.keyArn,
      scheduleExpression: settings.scheduleExpression,
      validationWindowHours: settings.validationWindowHours,
      // The primary vault holds the continuous recovery points of the daily rule (and snapshots, if any).
      recoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
      database: {
        clusterArn: this.database.cluster.clusterArn,
        subnetGroupName: validation.restoredDatabaseSubnetGroup.subnetGroupName,
        securityGroupIds: [validation.restoredDatabaseSecurityGroup.securityGroupId],
        keyArn: this.keys.data.keyArn,
      },
      buckets: { bucketArns: [this.uploads.bucket.bucketArn], keyArn: this.keys.data.keyArn },
    });
    validation.validate(testing.plan);
    this.restoreTesting = testing;
    this.restoreValidation = validation;
    declarePlatformRole(testing.plan, 'restore-testing-plan');
    for (const selection of testing.selections) declarePlatformRole(selection, 'restore-testing-selection');
    declarePlatformRole(testing.role, 'restore-testing-role');
    declarePlatformRole(validation.function, 'restore-validation-function');
    declarePlatformRole(validation.role, 'restore-validation-role');
    declarePlatformRole(validation.logGroup, 'restore-validation-log-group');
    declarePlatformRole(validation.securityGroup, 'restore-validation-security-group');
    declarePlatformRole(validation.restoredDatabaseSecurityGroup, 'restored-database-security-group');
    for (const rule of validation.rules) declarePlatformRole(rule, 'restore-validation-rule');
  }
}

/** The partition of a region, known from its name without a lookup. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
