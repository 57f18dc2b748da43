import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { confinedServicePrincipal } from '../core/grants/service-trust';
import { judgeAuroraEngineVersion } from '../core/requirements/aurora-engine-versions';

/**
 * The default engine: the newest Aurora PostgreSQL 17 minor in aws-cdk-lib 2.276, created by AWS until 2027-09-30
 * (AWS also has 17.10, reachable only through `AuroraPostgresEngineVersion.of`; move to it once 17.9 comes within the
 * table's warning window). Minor versions also upgrade automatically (`autoMinorVersionUpgrade: true` on each
 * instance) in the maintenance window: security fixes arrive without a deploy, and the dump task's pg_dump (major 17)
 * stays compatible across minors; a deploy pinning an older minor than the cluster runs is a no-op for AWS, so the
 * pin is a floor, not a freeze.
 */
export const DEFAULT_AURORA_ENGINE_VERSION = rds.AuroraPostgresEngineVersion.VER_17_9;

export interface MultiAzDatabaseProps {
  /** The VPC; the database goes into its isolated subnets (no route to the internet). */
  readonly vpc: ec2.IVpc;
  /** The zones of writer and readers: the writer in the first, reader i in zone (i mod n). At least three. */
  readonly availabilityZones: readonly string[];
  /** Customer managed key for storage, Performance Insights and the master secret (REST-2). */
  readonly encryptionKey: kms.IKey;
  /** Customer managed key of the exported PostgreSQL log group. */
  readonly logEncryptionKey: kms.IKey;
  /** Cluster identifier; also names the log group `/aws/rds/cluster/<id>/postgresql`. Lower case. */
  readonly clusterIdentifier: string;
  /**
   * Aurora PostgreSQL engine version; judged at synth against the dated table of lib/core/requirements (a warning
   * within 90 days of the day AWS stops creating it, an error after).
   * @default DEFAULT_AURORA_ENGINE_VERSION (17.9, the newest 17 minor aws-cdk-lib 2.276 offers)
   */
  readonly engineVersion?: rds.AuroraPostgresEngineVersion;
  /** The moment the engine version is judged against. @default - now */
  readonly now?: Date;
  /** Instance class of writer and readers. @default r6g.large */
  readonly instanceType?: ec2.InstanceType;
  /** Readers beside the writer, each in another zone than the writer. At least 2. @default 2 */
  readonly readers?: number;
  /** Automated backup retention in days, 7 to 35 (DATA-2). @default 35 */
  readonly backupRetentionDays?: number;
  /** UTC window of the automated backup. @default '01:00-02:00' */
  readonly preferredBackupWindow?: string;
  /** Database created in the cluster. @default 'app' */
  readonly databaseName?: string;
  /** Master user name; RDS generates and rotates its password in Secrets Manager. @default 'platform_admin' */
  readonly masterUsername?: string;
  /** Listener port; not the well-known 5432. @default 5433 */
  readonly port?: number;
  /** Days the PostgreSQL (pgaudit) log is kept in CloudWatch Logs; at least 365. @default logs.RetentionDays.TWO_YEARS */
  readonly logRetention?: logs.RetentionDays;
  /** pgaudit statement classes logged for every session (MONITOR-1). @default 'read,write,ddl,role' */
  readonly pgauditLog?: string;
  /** Enhanced monitoring interval. @default Duration.seconds(60) */
  readonly monitoringInterval?: Duration;
}

/** Statement classes every audit configuration must keep: people reading and writing customer data. */
const REQUIRED_PGAUDIT_CLASSES = ['read', 'write'];

/**
 * Aurora PostgreSQL with a writer and at least two readers, each in its own zone, in isolated subnets: storage
 * replicated across three zones (DATA-1, HA-1), encrypted with a customer managed key (REST-2), TLS forced
 * (TRANSIT-1), pgaudit and connection logging exported to encrypted CloudWatch Logs (MONITOR-1), deletion
 * protection, snapshot on removal, 35-day automated backups (DATA-2), IAM authentication and an RDS-managed,
 * rotated master secret. The security group admits nothing; callers add the one ingress rule they need.
 */
export class MultiAzDatabase extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly securityGroup: ec2.SecurityGroup;
  readonly port: number;
  /** The RDS-managed master secret (encrypted with the data key, rotated by RDS). */
  readonly credentialsSecret: secretsmanager.ISecret;
  readonly clusterEndpoint: rds.Endpoint;
  readonly readerEndpoint: rds.Endpoint;
  readonly logGroup: logs.LogGroup;
  readonly parameterGroup: rds.ParameterGroup;

  constructor(scope: Construct, id: string, props: MultiAzDatabaseProps) {
    super(scope, id);
    const engineVersion = props.engineVersion ?? DEFAULT_AURORA_ENGINE_VERSION;
    const verdict = judgeAuroraEngineVersion(engineVersion.auroraPostgresFullVersion, props.now ?? new Date());
    if (verdict.level === 'error') {
      throw new PlatformConstructError({
        code: 'MultiAzDatabase.engineVersion',
        scope: this,
        setting: 'engineVersion',
        value: engineVersion.auroraPostgresFullVersion,
        problem: verdict.message,
        fix: `pick a current Aurora PostgreSQL 17 minor (default ${DEFAULT_AURORA_ENGINE_VERSION.auroraPostgresFullVersion}) and update the table if AWS published new dates`,
      });
    }
    if (verdict.level === 'warning')
      Annotations.of(this).addWarningV2(
        'pocketcity:auroraEngineVersion',
        `${verdict.message}. Plan the minor upgrade.`,
      );
    const readers = props.readers ?? 2;
    const retentionDays = props.backupRetentionDays ?? 35;
    const zones = props.availabilityZones;
    this.port = props.port ?? 5433;
    const pgauditLog = props.pgauditLog ?? 'read,write,ddl,role';
    validate(this, props, readers, retentionDays, this.port, pgauditLog);

    const engine = rds.DatabaseClusterEngine.auroraPostgres({
      version: engineVersion,
    });
    this.parameterGroup = new rds.ParameterGroup(this, 'ClusterParameters', {
      engine,
      description: `TLS forced, pgaudit and connection logging for ${props.clusterIdentifier}`,
      parameters: {
        'rds.force_ssl': '1',
        shared_preload_libraries: 'pg_stat_statements,pgaudit',
        'pgaudit.log': pgauditLog,
        'pgaudit.log_parameter': '0',
        'pgaudit.log_relation': '1',
        'pgaudit.role': 'rds_pgaudit',
        log_connections: '1',
        log_disconnections: '1',
      },
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${props.clusterIdentifier}: no ingress until a caller adds one; no egress`,
      allowAllOutbound: false,
    });

    // RDS writes into this group when it exists, so its key and retention are ours (no retention custom resource).
    this.logGroup = new logs.LogGroup(this, 'PostgresLog', {
      logGroupName: `/aws/rds/cluster/${props.clusterIdentifier}/postgresql`,
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.TWO_YEARS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const monitoringRole = new iam.Role(this, 'MonitoringRole', {
      // Only for this account's DB instances (confused deputy).
      assumedBy: confinedServicePrincipal(
        'monitoring.rds.amazonaws.com',
        this,
        `arn:${Stack.of(this).partition}:rds:${Stack.of(this).region}:${Stack.of(this).account}:db:*`,
      ),
      description: `Enhanced monitoring of ${props.clusterIdentifier}`,
    });
    const instanceType = props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE);
    const instance = (name: string, zone: string) =>
      rds.ClusterInstance.provisioned(name, {
        instanceType,
        availabilityZone: zone,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        enablePerformanceInsights: true,
        performanceInsightEncryptionKey: props.encryptionKey,
        performanceInsightRetention: rds.PerformanceInsightRetention.DEFAULT,
      });

    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine,
      clusterIdentifier: props.clusterIdentifier,
      writer: instance('Writer', zones[0]),
      readers: Array.from({ length: readers }, (_, i) => instance(`Reader${i + 1}`, zones[(i + 1) % zones.length])),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED, availabilityZones: [...zones] },
      securityGroups: [this.securityGroup],
      port: this.port,
      defaultDatabaseName: props.databaseName ?? 'app',
      credentials: rds.Credentials.fromUsername(props.masterUsername ?? 'platform_admin', {
        encryptionKey: props.encryptionKey,
      }),
      manageMasterUserPassword: true,
      storageEncrypted: true,
      storageEncryptionKey: props.encryptionKey,
      parameterGroup: this.parameterGroup,
      backup: {
        retention: Duration.days(retentionDays),
        preferredWindow: props.preferredBackupWindow ?? '01:00-02:00',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      copyTagsToSnapshot: true,
      iamAuthentication: true,
      cloudwatchLogsExports: ['postgresql'],
      monitoringInterval: props.monitoringInterval ?? Duration.seconds(60),
      monitoringRole,
    });
    this.cluster.node.addDependency(this.logGroup);

    const cfnCluster = this.cluster.node.defaultChild as rds.CfnDBCluster;
    // The key is handed out as a reference, so a grant to a role of another stack lands on that role's policy
    // (key ARN, no wildcard) instead of adding the role to this key's policy (a cycle between the stacks).
    this.credentialsSecret = secretsmanager.Secret.fromSecretAttributes(this, 'MasterSecret', {
      secretCompleteArn: cfnCluster.attrMasterUserSecretSecretArn,
      encryptionKey: kms.Key.fromKeyArn(this, 'MasterSecretKey', props.encryptionKey.keyArn),
    });
    this.clusterEndpoint = this.cluster.clusterEndpoint;
    this.readerEndpoint = this.cluster.clusterReadEndpoint;
    this.scopeMonitoringRole(monitoringRole);
  }

  /**
   * Enhanced monitoring writes to the account's `RDSOSMetrics` log group, one stream per instance named by its
   * resource id. The role may write only those streams (the AWS managed policy allows every `RDS*` group).
   */
  private scopeMonitoringRole(role: iam.Role): void {
    const stack = Stack.of(this);
    const group = `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:RDSOSMetrics`;
    const instances = this.cluster.node.findAll().filter((c): c is rds.CfnDBInstance => c instanceof rds.CfnDBInstance);
    new iam.ManagedPolicy(this, 'MonitoringPolicy', {
      description: "Enhanced monitoring: write only the RDSOSMetrics streams of this cluster's instances",
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'CreateMetricsGroup',
          actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
          resources: [group],
        }),
        new iam.PolicyStatement({
          sid: 'WriteOwnInstanceStreams',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:GetLogEvents'],
          resources: instances.map((i) => `${group}:log-stream:${i.attrDbiResourceId}`),
        }),
      ],
    });
  }

  /** Lets `grantee` connect as `dbUser` with IAM authentication. */
  grantConnect(grantee: iam.IGrantable, dbUser: string): iam.Grant {
    return this.cluster.grantConnect(grantee, dbUser);
  }
}

function validate(
  scope: Construct,
  props: MultiAzDatabaseProps,
  readers: number,
  retentionDays: number,
  port: number,
  pgauditLog: string,
): void {
  const zones = props.availabilityZones;
  if (zones.length < 3 || new Set(zones).size !== zones.length) {
    throw new PlatformConstructError({
      code: 'MultiAzDatabase.availabilityZones',
      scope,
      setting: 'availabilityZones',
      value: zones,
      problem: 'needs at least three distinct zones so writer and readers never share one (DATA-1, HA-1)',
      fix: 'pass the three configured zones',
    });
  }
  if (!Number.isInteger(readers) || readers < 2 || readers > 15) {
    throw new PlatformConstructError({
      code: 'MultiAzDatabase.readers',
      scope,
      setting: 'readers',
      value: readers,
      problem: 'needs 2 to 15 readers so a writer and two readers span three zones (DATA-1, HA-1)',
      fix: 'set readers from 2 to 15 (default 2)',
    });
  }
  if (!Number.isInteger(retentionDays) || retentionDays < 7 || retentionDays > 35) {
    throw new PlatformConstructError({
      code: 'MultiAzDatabase.backupRetentionDays',
      scope,
      setting: 'backupRetentionDays',
      value: retentionDays,
      problem: 'Aurora keeps automated backups 7 to 35 days (DATA-2)',
      fix: 'pick 7-35 (default 35)',
    });
  }
  if (!Number.isInteger(port) || port < 1150 || port > 65535) {
    throw new PlatformConstructError({
      code: 'MultiAzDatabase.port',
      scope,
      setting: 'port',
      value: port,
      problem: 'Aurora accepts 1150-65535',
      fix: 'pick a port in that range (default 5433)',
    });
  }
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(props.clusterIdentifier) || props.clusterIdentifier.endsWith('-')) {
    throw new PlatformConstructError({
      code: 'MultiAzDatabase.clusterIdentifier',
      scope,
      setting: 'clusterIdentifier',
      value: props.clusterIdentifier,
      problem: 'is not a valid cluster identifier',
      fix: 'use lower-case letters, digits and single hyphens, starting with a letter',
    });
  }
  const logDays: number = props.logRetention ?? logs.RetentionDays.TWO_YEARS;
  if (logDays < 365) {
    throw new PlatformConstructError({
      code: 'MultiAzDatabase.logRetention',
      scope,
      setting: 'logRetention',
      value: Duration.days(logDays),
      problem: 'the audit log must be kept at least a year (MONITOR-1)',
      fix: 'use logs.RetentionDays.ONE_YEAR or longer (default TWO_YEARS)',
    });
  }
  const classes = pgauditLog.split(',').map((c) => c.trim().toLowerCase());
  const missing = REQUIRED_PGAUDIT_CLASSES.filter((c) => !classes.includes(c) && !classes.includes('all'));
  if (missing.length) {
    throw new PlatformConstructError({
      code: 'MultiAzDatabase.pgauditLog',
      scope,
      setting: 'pgauditLog',
      value: pgauditLog,
      problem: `does not log ${missing.join(', ')}: reads and writes of customer data by people must be audited (MONITOR-1)`,
      fix: `include ${missing.join(' and ')} (default 'read,write,ddl,role')`,
    });
  }
}
