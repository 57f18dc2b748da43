import * as fs from 'fs';
import * as path from 'path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { attachToVpcStatement } from '../core/grants/attach-to-vpc-statement';
import { acknowledgeRarelyRunFunction } from '../core/function-acknowledgments';
import { PlatformConstructError } from '../core/errors';
import { EMF_ENVIRONMENT, RESTORE_VALIDATION_METRIC } from '../core/requirements/emf-metrics';
import { latestNodeRuntime } from '../core/latest-node-runtime';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { acknowledgeWildcardResources } from './private/nag-finding-id';
import { RESTORE_TEST_NAME_PREFIX } from './private/restore-role-statements';
import { restoredDatabasePlacement } from './private/restored-database-placement';
import { httpsEgressSecurityGroup } from '../core/network/https-egress-security-group';

/** The function's code (plain JS and its npm-installed `pg`); the compiled package ships it at its source path. */
export const RESTORE_VALIDATION_DIR =
  [
    path.join(__dirname, 'restore-validation'),
    path.join(__dirname, '..', '..', '..', 'lib', 'backup', 'restore-validation'),
  ].find((d) => fs.existsSync(path.join(d, 'validate-restore.js'))) ?? path.join(__dirname, 'restore-validation');

export interface RestoreValidationProps {
  readonly vpc: ec2.IVpc;
  /** Port of the database engine (the restored cluster keeps the source's). */
  readonly databasePort: number;
  readonly databaseName: string;
  /**
   * The password login the validation reads the restored database as: the dump reader's (read-only on schema app,
   * never a member of rds_iam). Never the master secret.
   */
  readonly loginSecret: secretsmanager.ISecret;
  /** Key of the login secret, used through Secrets Manager. */
  readonly loginSecretKey: kms.IKey;
  /** The bucket whose restored copies are compared with it. */
  readonly sourceBucket: s3.IBucket;
  /** Key of the source bucket and of the restored buckets. */
  readonly dataKey: kms.IKey;
  /** Customer managed key of the function's log group. */
  readonly logEncryptionKey: kms.IKey;
  /** Tables of schema app and the fewest rows each restore must hold. @default {} */
  readonly expectedTables?: Readonly<Record<string, number>>;
  /** Instance class of the instance added to a restored cluster to read it. @default 'db.t4g.medium' */
  readonly instanceClass?: string;
  /**
   * Value of the verdict metric's one dimension (RESTORE_VALIDATION_METRIC, `Environment`): the environment's name, so
   * that environments sharing an account and region keep their own metric and alarm.
   */
  readonly metricDimensionValue: string;
}

/**
 * Validates every restore test of the plans it is told of (`validate(plan)`): on AWS Backup's `Restore Job State
 * Change` COMPLETED event a function in the private subnets reads the restored cluster over TLS (verify-full) as the
 * dump reader and checks the bootstrap's schema, roles and extension and the expected tables' rows, or compares a
 * restored object's SHA-256 with the source bucket, and reports with PutRestoreValidationResult (DATA-2). Every
 * verdict is also written to the function's log as the metric RESTORE_VALIDATION_METRIC (embedded metric format), which
 * RestoreValidationAlarm (lib/monitoring) watches: AWS documents no event carrying a validation status.
 * Also owns where a restored cluster lands: a subnet group of the isolated subnets and a security group that admits
 * this function alone.
 */
export class RestoreValidation extends Construct {
  readonly function: lambda.Function;
  readonly role: ManagedPolicyRole;
  /** The function's log group: its verdicts, and the metric a failed one raises (Embedded Metric Format). */
  readonly logGroup: logs.LogGroup;
  readonly securityGroup: ec2.SecurityGroup;
  /** Security group of restored clusters: ingress from the validation function only, no egress. */
  readonly restoredDatabaseSecurityGroup: ec2.SecurityGroup;
  /** Subnet group of the isolated subnets restored clusters are placed in. */
  readonly restoredDatabaseSubnetGroup: rds.SubnetGroup;
  readonly rules: events.Rule[] = [];

  constructor(scope: Construct, id: string, props: RestoreValidationProps) {
    super(scope, id);
    if (!fs.existsSync(path.join(RESTORE_VALIDATION_DIR, 'node_modules', 'pg', 'package.json'))) {
      throw new PlatformConstructError({
        code: 'RestoreValidation.dependencies',
        scope: this,
        problem: `${RESTORE_VALIDATION_DIR}/node_modules has no 'pg', so the function would not start`,
        fix: `run 'npm ci --omit=dev --prefix ${path.relative(process.cwd(), RESTORE_VALIDATION_DIR) || '.'}' (npm ci at the repository root does it)`,
      });
    }
    const placement = restoredDatabasePlacement(
      this,
      props.vpc,
      'Restored clusters of restore tests: the validation function alone reaches them',
    );
    this.restoredDatabaseSubnetGroup = placement.subnetGroup;
    this.restoredDatabaseSecurityGroup = placement.securityGroup;
    this.securityGroup = httpsEgressSecurityGroup(this, {
      vpc: props.vpc,
      description: 'Restore validation: to restored clusters, and HTTPS to the AWS APIs',
      httpsTo: 'AWS APIs (Secrets Manager, RDS, S3, Backup)',
      database: {
        securityGroup: this.restoredDatabaseSecurityGroup,
        port: props.databasePort,
        description: 'Restore validation to restored clusters',
      },
    });

    const logGroup = (this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.logEncryptionKey,
      retention: logs.RetentionDays.TWO_YEARS,
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Restore validation: reads restored stores and the dump reader login, reports to AWS Backup',
    });
    this.function = new lambda.Function(this, 'Function', {
      description: 'Validates AWS Backup restore tests and reports with PutRestoreValidationResult',
      runtime: latestNodeRuntime(),
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(RESTORE_VALIDATION_DIR, { exclude: ['*.md', '*.d.ts'] }),
      role: this.role,
      // Adding an instance to a restored cluster takes minutes; the handler leaves itself 90 s to report.
      timeout: Duration.minutes(15),
      memorySize: 512,
      // A verdict is reported once: a retry would add a second instance and a second verdict.
      retryAttempts: 0,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
      logGroup,
      environment: {
        DB_NAME: props.databaseName,
        LOGIN_SECRET_ARN: props.loginSecret.secretArn,
        SOURCE_BUCKET: props.sourceBucket.bucketName,
        EXPECTED_TABLES: JSON.stringify(props.expectedTables ?? {}),
        INSTANCE_CLASS: props.instanceClass ?? 'db.t4g.medium',
        // The verdict metric (1 FAILED, 0 SUCCESSFUL) the function writes to its log; its alarm alerts (DATA-2).
        [EMF_ENVIRONMENT.namespace]: RESTORE_VALIDATION_METRIC.namespace,
        [EMF_ENVIRONMENT.metricName]: RESTORE_VALIDATION_METRIC.metricName,
        [EMF_ENVIRONMENT.dimensionName]: RESTORE_VALIDATION_METRIC.dimensionName,
        [EMF_ENVIRONMENT.dimensionValue]: props.metricDimensionValue,
      },
    });
    this.grant(props, logGroup);
  }

  /** Runs the validation on every completed restore job of `plan`. */
  validate(plan: backup.CfnRestoreTestingPlan): void {
    const rule = new events.Rule(this, `Completed${this.rules.length + 1}`, {
      description: `Completed restore jobs of restore testing plan ${plan.restoreTestingPlanName}, to their validation`,
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Restore Job State Change'],
        detail: { status: ['COMPLETED'], restoreTestingPlanArn: [plan.attrRestoreTestingPlanArn] },
      },
    });
    rule.addTarget(new targets.LambdaFunction(this.function, { retryAttempts: 2, maxEventAge: Duration.hours(2) }));
    this.rules.push(rule);
  }

  private grant(props: RestoreValidationProps, logGroup: logs.LogGroup): void {
    const stack = Stack.of(this);
    const arn = (service: string, resource: string) =>
      `arn:${stack.partition}:${service}:${stack.region}:${stack.account}:${resource}`;
    const restoredClusters = arn('rds', `cluster:${RESTORE_TEST_NAME_PREFIX}*`);
    const restoredInstances = arn('rds', `db:${RESTORE_TEST_NAME_PREFIX}*`);
    const restoredBuckets = `arn:${stack.partition}:s3:::${RESTORE_TEST_NAME_PREFIX}*`;
    const statements = [
      new iam.PolicyStatement({
        sid: 'ReadTheLogin',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [props.loginSecret.secretArn],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptTheLogin',
        actions: ['kms:Decrypt'],
        resources: [props.loginSecretKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
      }),
      new iam.PolicyStatement({
        sid: 'AddAnInstanceToRestoredClusters',
        actions: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'rds:CreateDBInstance', 'rds:DeleteDBInstance'],
        resources: [
          restoredClusters,
          restoredInstances,
          arn('rds', `subgrp:${this.restoredDatabaseSubnetGroup.subnetGroupName}`),
          arn('rds', 'pg:default.*'),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'ReadRestoredAndSourceBuckets',
        actions: ['s3:ListBucket', 's3:ListBucketVersions'],
        resources: [restoredBuckets, props.sourceBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadRestoredAndSourceObjects',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [`${restoredBuckets}/*`, props.sourceBucket.arnForObjects('*')],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptObjectsThroughS3',
        actions: ['kms:Decrypt'],
        resources: [props.dataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
      }),
      new iam.PolicyStatement({
        sid: 'ReportTheVerdict',
        actions: ['backup:PutRestoreValidationResult'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'WriteOwnLog',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
      attachToVpcStatement(),
    ];
    for (const s of statements) this.role.addToPrincipalPolicy(s);
    this.acknowledge(statements);
  }

  private acknowledge(statements: iam.PolicyStatement[]): void {
    const policy = this.role.policy;
    if (policy) {
      acknowledgeWildcardResources(this, policy, statements, 'DATA-2', {
        star: 'Resource * only for backup:PutRestoreValidationResult (a restore job id is known only from the event) and the EC2 network-interface actions Lambda attaches the function to the VPC with (their ids do not exist before)',
        pattern: `Restore tests create ${RESTORE_TEST_NAME_PREFIX}<random> resources whose names are known only from the event; the prefix limits reads to them, and objects to those of the restored buckets and the one source bucket; default parameter groups are RDS's own`,
      });
    }
    acknowledgeRarelyRunFunction(this.function, 'DATA-2', {
      deadLetterQueue:
        'A verdict is reported to AWS Backup on every path, a failed one included; an invocation that fails even to report leaves the restore job without validation, which the restore-test alert and secure-platform verify report, so a dead-letter queue would hold events nobody replays.',
      concurrency:
        'Reserved concurrency fails CreateFunction in accounts whose concurrency quota is low (new accounts start at 10); the function runs once per restore job, a few a week.',
    });
  }
}
