import * as fs from 'fs';
import * as path from 'path';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../core/acknowledge';
import { EncryptedUploadBucket } from '../data/encrypted-upload-bucket';
import { grantSecretDecrypt } from '../keys/grant-secret-decrypt';
import { grantGuardDutyAgentPull } from '../monitoring/grant-guardduty-agent-pull';
import { ManagedPolicyRole } from './private/managed-policy-role';

/**
 * The directory of the dump container (Dockerfile, dump.sh, restore.sh). From source it sits beside this file; the
 * compiled package ships it at its source path (package.json `files`), three levels above `dist/lib/backup`.
 */
export const DUMP_CONTAINER_DIR =
  [
    path.join(__dirname, 'dump-task', 'container'),
    path.join(__dirname, '..', '..', '..', 'lib', 'backup', 'dump-task', 'container'),
  ].find((d) => fs.existsSync(path.join(d, 'Dockerfile'))) ?? path.join(__dirname, 'dump-task', 'container');

/** The database the task dumps. */
export interface DumpDatabase {
  /** Security group of the database; the task's group is allowed in on `port` and nowhere else. */
  readonly securityGroup: ec2.ISecurityGroup;
  readonly port: number;
  /** Writer endpoint host name. */
  readonly hostname: string;
  readonly databaseName: string;
  /** Secret with JSON fields `username` and `password`. */
  readonly secret: secretsmanager.ISecret;
}

export interface GpgDumpTaskProps {
  readonly vpc: ec2.IVpc;
  readonly database: DumpDatabase;
  /** Where the encrypted dumps go (versioned, Object Lock, replicated). */
  readonly bucket: EncryptedUploadBucket;
  /** ASCII-armored GPG public key; the private half never enters AWS (REST-3). */
  readonly gpgPublicKey: string;
  /** Customer managed key of the task's log group. */
  readonly logEncryptionKey: kms.IKey;
  /** UTC hour (0-23) of the daily dump. @default 4 */
  readonly dailyHourUtc?: number;
  /** Subnets the task runs in; they need a route to S3, ECR and CloudWatch Logs. @default PRIVATE_WITH_EGRESS */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Key prefix of the dumps in the bucket. @default 'postgres/' */
  readonly keyPrefix?: string;
  /** Days the task's log is kept. @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A daily EventBridge Scheduler run of a small Fargate task that dumps the database over TLS with `pg_dump`,
 * encrypts the dump with `gpg --encrypt` to a public key from config, and uploads it to the dump bucket (REST-3).
 * The task can write new objects only: it cannot read, list or delete dumps.
 */
export class GpgDumpTask extends Construct {
  readonly cluster: ecs.Cluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly securityGroup: ec2.SecurityGroup;
  readonly schedule: scheduler.Schedule;
  readonly logGroup: logs.LogGroup;
  readonly taskRole: iam.Role;

  constructor(scope: Construct, id: string, props: GpgDumpTaskProps) {
    super(scope, id);
    const hour = props.dailyHourUtc ?? 4;
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
      throw new Error(
        `GpgDumpTask dailyHourUtc = ${hour} is not an hour. Fix: give a whole number from 0 to 23 (default 4).`,
      );
    }
    if (/PRIVATE KEY/.test(props.gpgPublicKey) || !/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(props.gpgPublicKey)) {
      throw new Error(
        'GpgDumpTask gpgPublicKey is not an ASCII-armored PGP public key block (or contains a private key, which must never enter AWS). Fix: pass the output of gpg --armor --export KEYID.',
      );
    }
    const keyPrefix = props.keyPrefix ?? 'postgres/';
    const subnets = props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const executionRole = new ManagedPolicyRole(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Pulls the dump image, reads the database secret, writes the task log',
    });
    this.taskRole = new ManagedPolicyRole(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Writes encrypted dumps into the dump bucket (write only)',
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: 512,
      memoryLimitMiB: 1024,
      executionRole,
      taskRole: this.taskRole,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    this.taskDefinition.addVolume({ name: 'scratch' });
    const container = this.taskDefinition.addContainer('Dump', {
      image: ecs.ContainerImage.fromAsset(DUMP_CONTAINER_DIR),
      readonlyRootFilesystem: true,
      user: '10001',
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'dump' }),
      environment: {
        PGHOST: props.database.hostname,
        PGPORT: String(props.database.port),
        PGDATABASE: props.database.databaseName,
        PGSSLMODE: 'require',
        GPG_RECIPIENT_KEY: props.gpgPublicKey,
        DUMP_TARGET: `s3://${props.bucket.bucket.bucketName}/${keyPrefix}`,
        TMPDIR: '/scratch',
      },
      secrets: {
        PGUSER: ecs.Secret.fromSecretsManager(props.database.secret, 'username'),
        PGPASSWORD: ecs.Secret.fromSecretsManager(props.database.secret, 'password'),
      },
    });
    container.addMountPoints({ sourceVolume: 'scratch', containerPath: '/scratch', readOnly: false });
    // ECS reads PGUSER / PGPASSWORD with the execution role; the secret's key must let it decrypt too.
    grantSecretDecrypt(props.database.secret, executionRole);
    grantGuardDutyAgentPull(this, executionRole);
    props.bucket.grantWrite(this.taskRole);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'GPG dump task: to the database port and HTTPS only',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'S3, ECR and CloudWatch Logs over HTTPS');
    this.securityGroup.connections.allowTo(
      props.database.securityGroup,
      ec2.Port.tcp(props.database.port),
      'GPG dump task to the database',
    );

    const schedulerRole = new ManagedPolicyRole(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Runs the daily GPG dump task',
    });
    this.schedule = new scheduler.Schedule(this, 'Daily', {
      description: 'Daily GPG-encrypted logical dump of the database (REST-3)',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: String(hour) }),
      target: new targets.EcsRunFargateTask(this.cluster, {
        taskDefinition: this.taskDefinition,
        vpcSubnets: subnets,
        securityGroups: [this.securityGroup],
        assignPublicIp: false,
        role: schedulerRole,
        retryAttempts: 2,
      }),
    });

    acknowledgeFinding(this.taskDefinition, {
      rule: 'AwsSolutions-ECS2',
      claim: 'REST-3',
      reason:
        'The environment holds only non-secret settings: host, port, database name, TLS mode, the dump target and the GPG PUBLIC key; the database user and password come from Secrets Manager',
    });
    const pull = executionRole.policy;
    if (pull) {
      acknowledgeFinding(pull, {
        rule: 'AwsSolutions-IAM5[Resource::*]',
        claim: 'REST-3',
        reason:
          'ecr:GetAuthorizationToken has no resource type in IAM and must be granted on *; every other action of this role names the image repository, the secret or the log group',
      });
    }
  }
}
