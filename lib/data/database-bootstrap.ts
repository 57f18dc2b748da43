import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../core/acknowledge';
import { attachToVpcStatement } from '../core/grants/attach-to-vpc-statement';
import { acknowledgeRarelyRunFunction, VPC_NETWORK_INTERFACES_REASON } from '../core/function-acknowledgments';
import { PlatformConstructError } from '../core/errors';
import { DATABASE_BOOTSTRAP_RESOURCE_TYPE } from '../core/requirements/database';
import { requireYearLongRetention } from '../core/log-retention';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { latestNodeRuntime } from './private/latest-node-runtime';
import { httpsEgressSecurityGroup } from '../core/network/https-egress-security-group';

/**
 * The bootstrap's code directory (bootstrap.sql, the handler, its npm-installed `pg`). From source it sits beside this
 * file; the compiled package ships it at its source path, three levels above `dist/lib/data`.
 */
export const DATABASE_BOOTSTRAP_DIR =
  [
    path.join(__dirname, 'database-bootstrap'),
    path.join(__dirname, '..', '..', '..', 'lib', 'data', 'database-bootstrap'),
  ].find((d) => fs.existsSync(path.join(d, 'bootstrap.sql'))) ?? path.join(__dirname, 'database-bootstrap');

/** The role names bootstrap.sql creates; the SQL file spells the same literals (a test keeps them together). */
export const DATABASE_ROLES = {
  /** The application's login role (IAM authentication, member of rds_iam and of `owner`). */
  application: 'app_service',
  /** Owns schema `app` and its objects; nobody logs in as it; the master user and `application` are members. */
  owner: 'app_owner',
  /** Group role of people; each person logs in as a member role of their own. */
  people: 'db_people',
  /** The nightly dump's login (password from its own secret, never in rds_iam): reads schema `schema`, nothing more. */
  dumpReader: 'dump_reader',
  /** The schema the application owns. */
  schema: 'app',
} as const;

const PERSON_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** The cluster the bootstrap configures. */
export interface BootstrapDatabase {
  readonly cluster: rds.DatabaseCluster;
  /** Security group of the cluster; the bootstrap's group is let in on `port` only. */
  readonly securityGroup: ec2.ISecurityGroup;
  readonly port: number;
  /** Database the application uses (the roles and schema are created in it). */
  readonly databaseName: string;
  /** The RDS-managed master secret; the bootstrap is its only reader. */
  readonly masterSecret: secretsmanager.ISecret;
  /**
   * Key of the master secret (the secret is decrypted through Secrets Manager with it); the dump reader's secret is
   * encrypted with it too.
   */
  readonly masterSecretKey: kms.IKey;
}

export interface DatabaseBootstrapProps {
  readonly vpc: ec2.IVpc;
  readonly database: BootstrapDatabase;
  /** Customer managed key of the function's log group. */
  readonly logEncryptionKey: kms.IKey;
  /**
   * People who may log in to the database, each as a role of their own (IAM authentication), member of
   * `db_people`, every read, write, DDL and role change audited. Someone removed keeps the role but loses LOGIN.
   * @default - nobody
   */
  readonly people?: readonly string[];
  /**
   * Subnets of the function. Private (with egress), not isolated: the function answers CloudFormation on a
   * pre-signed S3 URL, which the isolated tier's network ACL (VPC-internal traffic only) does not let out.
   * @default PRIVATE_WITH_EGRESS
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Days the function's log is kept; at least 365. @default logs.RetentionDays.TWO_YEARS */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Runs bootstrap.sql against the cluster as the master user, after the cluster and its instances exist and on every
 * deploy that changes the SQL, the cluster or the people (a custom resource whose properties carry the SQL, its digest
 * and the cluster's identity), and fails the deploy when it fails: the pgaudit extension and `rds_pgaudit`, the
 * application's role `app_service` (IAM authentication; its own schema only, owned by the NOLOGIN role `app_owner`
 * so that the master user, which logs in with its password, is never a member of a role in `rds_iam`; no superuser,
 * no role creation, audit classes ddl,role),
 * `db_people` and one login role per person (audit classes read,write,ddl,role), and `dump_reader`, the nightly dump's
 * read-only login, whose password the function sets from `dumpReaderSecret`. The function connects with TLS
 * verified against the RDS CA bundle, host name included (verify-full), and reports what the catalogs then hold as
 * the custom resource's attributes.
 */
export class DatabaseBootstrap extends Construct {
  readonly resource: CustomResource;
  readonly function: lambda.Function;
  readonly securityGroup: ec2.SecurityGroup;
  readonly role: iam.Role;
  /** SHA-256 of bootstrap.sql, as declared to CloudFormation. */
  readonly sqlDigest: string;
  /**
   * The application's database user, read from the custom resource: whoever uses it is deployed after the
   * bootstrap has run.
   */
  readonly applicationUser: string;
  /**
   * The secret of `dump_reader`, the nightly dump's own login (JSON `username`, `password`; generated, retained,
   * encrypted with the master secret's key). The bootstrap sets the role's password from it; hand it to the dump,
   * never the master secret.
   */
  readonly dumpReaderSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: DatabaseBootstrapProps) {
    super(scope, id);
    const people = [...(props.people ?? [])];
    validatePeople(this, people);
    const retention = props.logRetention ?? logs.RetentionDays.TWO_YEARS;
    requireYearLongRetention(this, retention, {
      code: 'DatabaseBootstrap.logRetention',
      setting: 'logRetention',
      why: 'keep what the bootstrap did a year',
    });
    if (!fs.existsSync(path.join(DATABASE_BOOTSTRAP_DIR, 'node_modules', 'pg', 'package.json'))) {
      throw new PlatformConstructError({
        code: 'DatabaseBootstrap.dependencies',
        scope: this,
        problem: `${DATABASE_BOOTSTRAP_DIR}/node_modules has no 'pg', so the function would not start`,
        fix: `run 'npm ci --omit=dev --prefix ${path.relative(process.cwd(), DATABASE_BOOTSTRAP_DIR) || '.'}' (npm ci at the repository root does it)`,
      });
    }
    const sql = fs.readFileSync(path.join(DATABASE_BOOTSTRAP_DIR, 'bootstrap.sql'), 'utf8');
    this.sqlDigest = crypto.createHash('sha256').update(sql).digest('hex');
    const auditClasses = auditClassesOf(sql);
    const db = props.database;

    // The construct id is the secret's logical id: kept, so the password (and the dump's login) survives deploys.
    this.dumpReaderSecret = new secretsmanager.Secret(this, 'DumpReaderSecret', {
      description: `Login of ${DATABASE_ROLES.dumpReader}, the nightly dump's read-only database role (set by the bootstrap)`,
      encryptionKey: db.masterSecretKey,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: DATABASE_ROLES.dumpReader }),
        generateStringKey: 'password',
        passwordLength: 48,
        // Printable ASCII without quotes, backslash, slash or @: safe in every libpq and SCRAM path.
        excludeCharacters: ' "\'\\/@',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.logEncryptionKey,
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description:
        "Database bootstrap: reads the master secret and the dump reader's secret, writes its own log, attaches to the VPC",
    });
    this.securityGroup = httpsEgressSecurityGroup(this, {
      vpc: props.vpc,
      description: 'Database bootstrap: to the database port, and HTTPS to Secrets Manager and CloudFormation',
      httpsTo: 'Secrets Manager endpoint and the CloudFormation response URL',
      database: { securityGroup: db.securityGroup, port: db.port, description: 'Database bootstrap to the database' },
    });

    this.function = new lambda.Function(this, 'Function', {
      description: 'Runs bootstrap.sql (roles, pgaudit) against the database on deploy',
      // The newest Node.js the installed aws-cdk-lib offers (AwsSolutions-L1); the code is plain CommonJS and pg.
      runtime: latestNodeRuntime(),
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      // The type declarations are for this repository's tests; the function needs the JavaScript and the SQL.
      code: lambda.Code.fromAsset(DATABASE_BOOTSTRAP_DIR, { exclude: ['*.md', '*.d.ts'] }),
      role: this.role,
      timeout: Duration.minutes(5),
      memorySize: 256,
      // No reserved concurrency: it fails CreateFunction in accounts whose concurrency quota is low (new accounts:
      // 10). One bootstrap at a time holds without it: CloudFormation runs one operation at a time on this one
      // custom resource (create, update or its rollback) and waits for its answer, and bootstrap.sql takes an
      // advisory lock, so even two stacks' runs never interleave.
      retryAttempts: 0,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
      logGroup,
      environment: {
        DB_HOST: db.cluster.clusterEndpoint.hostname,
        DB_PORT: String(db.port),
        DB_NAME: db.databaseName,
        MASTER_SECRET_ARN: db.masterSecret.secretArn,
        DUMP_READER_SECRET_ARN: this.dumpReaderSecret.secretArn,
      },
    });
    this.grantPermissions(db, logGroup);

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.function.functionArn,
      resourceType: DATABASE_BOOTSTRAP_RESOURCE_TYPE,
      serviceTimeout: Duration.minutes(10),
      properties: {
        // The SQL itself (a few KB), so a rollback runs the SQL of the old properties; its digest beside it.
        Sql: sql,
        SqlDigest: this.sqlDigest,
        ClusterIdentifier: db.cluster.clusterIdentifier,
        ClusterResourceId: db.cluster.clusterResourceIdentifier,
        DatabaseName: db.databaseName,
        ApplicationRole: DATABASE_ROLES.application,
        ApplicationAuditClasses: auditClasses.application,
        ApplicationSchema: DATABASE_ROLES.schema,
        PeopleRole: DATABASE_ROLES.people,
        PeopleAuditClasses: auditClasses.people,
        People: people,
        DumpReaderRole: DATABASE_ROLES.dumpReader,
      },
    });
    // After the writer and readers exist and the bootstrap may reach them.
    this.resource.node.addDependency(db.cluster, this.securityGroup, db.securityGroup, this.dumpReaderSecret);
    this.applicationUser = this.resource.getAttString('ApplicationRole');
    this.acknowledge();
  }

  private grantPermissions(db: BootstrapDatabase, logGroup: logs.LogGroup): void {
    const stack = Stack.of(this);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadMasterSecret',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [db.masterSecret.secretArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadDumpReaderSecret',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [this.dumpReaderSecret.secretArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DecryptMasterSecret',
        actions: ['kms:Decrypt'],
        resources: [db.masterSecretKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLog',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The group's ARN attribute ends in ':*', which covers its streams and nothing else.
        resources: [logGroup.logGroupArn],
      }),
    );
    this.role.addToPrincipalPolicy(attachToVpcStatement());
  }

  private acknowledge(): void {
    const rotation =
      "The dump reader's password is set by the bootstrap on each deploy, which Secrets Manager's rotation cannot call; rotating it means a new secret value and a deploy that runs the bootstrap. Its role can only read schema app, logs in over TLS from the dump task's security group only, and every read it makes is audited (pgaudit).";
    acknowledgeFinding(
      this.dumpReaderSecret,
      { rule: 'AwsSolutions-SMG4', claim: 'REST-3', reason: rotation },
      { rule: 'NIST.800.53.R5-SecretsManagerRotationEnabled', claim: 'REST-3', reason: rotation },
      { rule: 'HIPAA.Security-SecretsManagerRotationEnabled', claim: 'REST-3', reason: rotation },
      { rule: 'PCI.DSS.321-SecretsManagerRotationEnabled', claim: 'REST-3', reason: rotation },
    );
    const policy = this.role.node.tryFindChild('GrantsPolicy');
    if (policy) {
      acknowledgeFinding(policy, {
        rule: 'AwsSolutions-IAM5[Resource::*]',
        claim: 'MONITOR-1',
        reason: `${VPC_NETWORK_INTERFACES_REASON} Every other statement names the master secret, the dump reader's secret, their key or the log group.`,
      });
    }
    acknowledgeRarelyRunFunction(this.function, 'MONITOR-1', {
      deadLetterQueue:
        'CloudFormation invokes the function once per deploy and waits for its answer; a failure fails the deploy and is in the function log, so a dead-letter queue would hold events nobody replays.',
      concurrency:
        "Reserved concurrency fails CreateFunction in accounts whose concurrency quota is low (new accounts start at 10: 'decreases account's UnreservedConcurrentExecution below its minimum value'), which would roll the Data stack back into the cluster's deletion protection. The function runs once per deploy: CloudFormation sends one operation at a time to the one custom resource and waits for its answer, and the SQL takes an advisory lock.",
    });
  }
}

/**
 * The audit classes bootstrap.sql sets for the application and for each person, read from the SQL itself so that the
 * declaration is what the SQL does (the function then checks the database holds it, and the checks judge it).
 */
function auditClassesOf(sql: string): { application: string; people: string } {
  const application = new RegExp(`ALTER ROLE ${DATABASE_ROLES.application} SET pgaudit\\.log = '([a-z,-]+)'`).exec(
    sql,
  )?.[1];
  const people = /ALTER ROLE %I SET pgaudit\.log = %L', person, '([a-z,-]+)'/.exec(sql)?.[1];
  if (!application || !people) {
    // library bug, not a user mistake: bootstrap.sql ships with the library
    throw new Error(
      `DatabaseBootstrap: bootstrap.sql sets no pgaudit.log for ${application ? 'each person' : DATABASE_ROLES.application}. Fix: keep the ALTER ROLE ... SET pgaudit.log statements of the SQL file.`,
    );
  }
  return { application, people };
}

function validatePeople(scope: Construct, people: string[]): void {
  const bad = people.filter((p) => !PERSON_NAME.test(p) || Object.values(DATABASE_ROLES).includes(p as never));
  if (bad.length) {
    throw new PlatformConstructError({
      code: 'DatabaseBootstrap.people.name',
      scope,
      setting: 'people',
      value: bad,
      problem: `a person's database role is lower-case letters, digits and underscores, starting with a letter, at most 63 characters, and not one of ${Object.values(DATABASE_ROLES).join(', ')}`,
      fix: "use names such as 'jane_doe'",
    });
  }
  const duplicates = people.filter((p, i) => people.indexOf(p) !== i);
  if (duplicates.length) {
    throw new PlatformConstructError({
      code: 'DatabaseBootstrap.people.duplicate',
      scope,
      setting: 'people',
      value: people,
      problem: `names ${duplicates.join(', ')} twice`,
      fix: 'list each person once',
    });
  }
}
