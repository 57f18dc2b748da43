import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { AssetHashType, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../core/acknowledge';
import { attachToVpcStatement } from '../core/grants/attach-to-vpc-statement';
import { acknowledgeRarelyRunFunction, VPC_NETWORK_INTERFACES_REASON } from '../core/function-acknowledgments';
import { PlatformConstructError } from '../core/errors';
import { confinedServicePrincipal } from '../core/grants/service-trust';
import { latestNodeRuntime } from '../core/latest-node-runtime';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { DEFAULT_DUMP_KEY_PREFIX } from './gpg-dump-task';
import { httpsEgressSecurityGroup } from '../core/network/https-egress-security-group';

/** The check's code (index.js, check.js); openpgp is copied in beside it when the asset is staged. */
export const DUMP_CHECK_DIR =
  [path.join(__dirname, 'dump-check'), path.join(__dirname, '..', '..', '..', 'lib', 'backup', 'dump-check')].find(
    (d) => fs.existsSync(path.join(d, 'check.js')),
  ) ?? path.join(__dirname, 'dump-check');

/** The function's files, and the name check.js loads openpgp's self-contained CommonJS build by (a dependency). */
const CODE_FILES = ['index.js', 'check.js'];
const OPENPGP_FILE = 'openpgp.min.cjs';

/** The dumps as the check needs them: the bucket, and a grant of reads that also grants its key. */
export interface DumpSource {
  readonly bucket: s3.IBucket;
  grantRead(grantee: iam.IGrantable): iam.Grant;
}

export interface GpgDumpCheckProps {
  readonly vpc: ec2.IVpc;
  /** The dump bucket (the data folder's `EncryptedUploadBucket`). */
  readonly bucket: DumpSource;
  /**
   * Key ids (16 hex digits) of the encryption subkey(s) the dumps must be encrypted to: each session key packet of
   * the newest dump must name one of them. From the dump key's facts (`dumpKeyIdOf`).
   */
  readonly recipientKeyIds: readonly string[];
  /** UTC hour (0-23) of the daily dump the check follows. @default 4 */
  readonly dumpHourUtc?: number;
  /** Hours after the dump the check runs (the dump of a large database takes a while). @default 3 */
  readonly hoursAfterDump?: number;
  /** How old the newest dump may be; the dump alarms' window. @default Duration.hours(26) */
  readonly maxAge?: Duration;
  /** Key prefix of the dumps. @default DEFAULT_DUMP_KEY_PREFIX ('postgres/') */
  readonly keyPrefix?: string;
  /** Function name, fixed so that the alarms on its metrics (monitoring) can name it. @default - generated */
  readonly functionName?: string;
  /** Customer managed key of the function's log group. */
  readonly logEncryptionKey: kms.IKey;
  /** Days the function's log is kept. @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** Subnets the function runs in; they need a route to S3. @default PRIVATE_WITH_EGRESS */
  readonly vpcSubnets?: ec2.SubnetSelection;
}

/**
 * REST-3's dumps checked daily as far as AWS may go without the private key: a function that reads the newest dump
 * back and proves it exists, is fresh, is an OpenPGP message to the dump key's encryption subkey, and is complete
 * (size and SHA-256 as dump.sh recorded them after the upload). A failed check is a function error: the function's
 * Errors metric is alarmed on in monitoring (`DumpCheckAlarms`). It reads the dumps and can write nothing.
 */
export class GpgDumpCheck extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly schedule: scheduler.Schedule;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: GpgDumpCheckProps) {
    super(scope, id);
    const dumpHour = props.dumpHourUtc ?? 4;
    const after = props.hoursAfterDump ?? 3;
    const maxAge = props.maxAge ?? Duration.hours(26);
    this.validate(props, dumpHour, after, maxAge);
    const stack = Stack.of(this);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'GPG dump check: reads the dumps (never writes), writes its own log, attaches to the VPC',
    });
    this.securityGroup = httpsEgressSecurityGroup(this, {
      vpc: props.vpc,
      description: 'GPG dump check: HTTPS to S3 only',
      httpsTo: 'S3 over HTTPS',
    });

    this.function = new lambda.Function(this, 'Function', {
      functionName: props.functionName,
      description: 'Daily check of the newest GPG dump: fresh, encrypted to the dump key, complete (REST-3)',
      runtime: latestNodeRuntime(),
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: checkCode(),
      role: this.role,
      // Reads the whole dump once: about 15 minutes of streaming bounds the dump it can check (tens of GB).
      timeout: Duration.minutes(15),
      memorySize: 1024,
      // A failed check alarms; run again it would read the whole dump again for the same answer.
      retryAttempts: 0,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
      logGroup: this.logGroup,
      environment: {
        DUMP_BUCKET: props.bucket.bucket.bucketName,
        DUMP_PREFIX: props.keyPrefix ?? DEFAULT_DUMP_KEY_PREFIX,
        DUMP_RECIPIENT_KEY_IDS: props.recipientKeyIds.map((k) => k.toLowerCase()).join(','),
        DUMP_MAX_AGE_HOURS: String(maxAge.toHours()),
      },
    });
    props.bucket.grantRead(this.role);
    this.grantOwn();

    const schedulerRole = new ManagedPolicyRole(this, 'SchedulerRole', {
      assumedBy: confinedServicePrincipal(
        'scheduler.amazonaws.com',
        this,
        `arn:${stack.partition}:scheduler:${stack.region}:${stack.account}:schedule-group/default`,
      ),
      description: 'Starts the daily GPG dump check',
    });
    this.schedule = new scheduler.Schedule(this, 'Daily', {
      description: `Daily check of the newest GPG dump, ${after} hours after the dump (REST-3)`,
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: String((dumpHour + after) % 24) }),
      target: invokeOnly(this.function, schedulerRole),
    });
    this.acknowledge();
  }

  private validate(props: GpgDumpCheckProps, dumpHour: number, after: number, maxAge: Duration): void {
    if (!Number.isInteger(dumpHour) || dumpHour < 0 || dumpHour > 23) {
      throw new PlatformConstructError({
        code: 'GpgDumpCheck.dumpHourUtc',
        scope: this,
        setting: 'dumpHourUtc',
        value: dumpHour,
        problem: 'is not an hour',
        fix: 'give a whole number from 0 to 23 (default 4)',
      });
    }
    if (!Number.isInteger(after) || after < 1 || after > 12) {
      throw new PlatformConstructError({
        code: 'GpgDumpCheck.hoursAfterDump',
        scope: this,
        setting: 'hoursAfterDump',
        value: after,
        problem: 'is not a whole number of hours from 1 to 12',
        fix: 'give 1 to 12 (default 3)',
      });
    }
    if (!Number.isInteger(maxAge.toHours({ integral: false })) || maxAge.toHours() <= after) {
      throw new PlatformConstructError({
        code: 'GpgDumpCheck.maxAge',
        scope: this,
        setting: 'maxAge',
        value: maxAge,
        problem: `must be whole hours longer than hoursAfterDump (${after}), or the fresh dump of the day fails the check`,
        fix: 'give the dump alarms window (default 26 hours)',
      });
    }
    const ids = props.recipientKeyIds;
    if (ids.length === 0 || ids.some((k) => !/^[0-9a-fA-F]{16}$/.test(k))) {
      throw new PlatformConstructError({
        code: 'GpgDumpCheck.recipientKeyIds',
        scope: this,
        setting: 'recipientKeyIds',
        value: ids.join(','),
        problem: 'must name at least one OpenPGP key id of 16 hex digits',
        fix: "pass the dump key's encryption subkey id (dumpKeyIdOf(config.dumpKey.encryptionKeyFingerprint))",
      });
    }
  }

  private grantOwn(): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLog',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.role.addToPrincipalPolicy(attachToVpcStatement());
  }

  private acknowledge(): void {
    const policy = this.role.node.tryFindChild('GrantsPolicy');
    if (policy) {
      acknowledgeFinding(policy, {
        rule: 'AwsSolutions-IAM5[Resource::*]',
        claim: 'REST-3',
        reason: `${VPC_NETWORK_INTERFACES_REASON} Every other statement names the dump bucket, its key or the log group.`,
      });
    }
    acknowledgeRarelyRunFunction(this.function, 'REST-3', {
      deadLetterQueue:
        'The schedule invokes the check once a day with an empty event; a failed check is a function error that the Errors alarm sends to the alert topic, so a dead-letter queue would hold empty events nobody replays.',
      concurrency:
        "Reserved concurrency fails CreateFunction in accounts whose concurrency quota is low (new accounts start at 10: 'decreases account's UnreservedConcurrentExecution below its minimum value'). The check runs once a day from one schedule.",
    });
  }
}

/**
 * A schedule target that invokes the function's unqualified ARN, granted on that ARN alone. aws-scheduler-targets'
 * LambdaInvoke grants `<arn>:*` (every version and alias) too, a wildcard AwsSolutions-IAM5 flags and cdk-nag cannot
 * acknowledge (its finding id holds `::`).
 */
function invokeOnly(fn: lambda.IFunction, role: iam.IRole): scheduler.IScheduleTarget {
  return {
    bind: () => {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
      );
      // Scheduler retries a delivery Lambda refused (throttled); a failed check is not retried (retryAttempts 0).
      return { arn: fn.functionArn, role, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 } };
    },
  };
}

/** The key id an OpenPGP fingerprint stands for: the low 64 bits of a v4 fingerprint, the high 64 bits of a v6 one. */
export function dumpKeyIdOf(fingerprint: string): string {
  const f = fingerprint.toLowerCase();
  return f.length === 40 ? f.slice(-16) : f.slice(0, 16);
}

/** The function's asset: its code and openpgp's CommonJS build, copied in at synth (no Docker, no npm install). */
function checkCode(): lambda.Code {
  const openpgp = require.resolve('openpgp');
  const hash = crypto.createHash('sha256');
  for (const f of [...CODE_FILES.map((c) => path.join(DUMP_CHECK_DIR, c)), openpgp]) hash.update(fs.readFileSync(f));
  return lambda.Code.fromAsset(DUMP_CHECK_DIR, {
    assetHashType: AssetHashType.CUSTOM,
    assetHash: hash.digest('hex'),
    bundling: {
      // Never used: local bundling always succeeds.
      image: lambda.Runtime.NODEJS_LATEST.bundlingImage,
      local: {
        tryBundle(outputDir: string): boolean {
          for (const f of CODE_FILES) fs.copyFileSync(path.join(DUMP_CHECK_DIR, f), path.join(outputDir, f));
          fs.copyFileSync(openpgp, path.join(outputDir, OPENPGP_FILE));
          return true;
        },
      },
    },
  });
}
