import { createHash } from 'crypto';
import { ArnFormat, Duration, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { REPLICATION_TIME_CONTROL_MINUTES } from '../core/requirements/data';
import { DATA_CLASSIFICATION_TAG } from '../core/requirements/data-classification';
import { AccessLogBucket } from './access-log-bucket';
import { EncryptedUploadBucket, REPLICATION_RULE_ID } from './encrypted-upload-bucket';
import { ReplicaBucket } from './replica-bucket';

export interface ReplicatedBucketProps {
  /**
   * Where the replica, its key and (by default) its access-log bucket go: a construct in a stack of the same account
   * in another region, normally a stack of the PlatformStage in its recovery region
   * (`new Stack(stage, 'WorkloadsRecovery', { env: { account: stage.account, region: stage.config.recoveryRegion.region } })`).
   * That stack deploys first: this bucket's stack is made to depend on it.
   */
  readonly replicaScope: Construct;
  /**
   * The topic the replication alarms notify (failed replication, latency beyond Replication Time Control): the
   * platform's alert topic, `stage.monitoring.alerts.topic`.
   */
  readonly alarmTopic: sns.ITopic;
  /**
   * Customer managed key encrypting this bucket (SSE-KMS with a bucket key).
   * @default - a new key with rotation on, retained on stack deletion
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Bucket receiving this bucket's server access logs.
   * @default - an AccessLogBucket in this bucket's stack, shared by every ReplicatedBucket of the stack
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * Bucket receiving the replica's server access logs, in the replica's region.
   * @default - an AccessLogBucket in the replica's stack, shared by every replica of that stack
   */
  readonly replicaServerAccessLogsBucket?: s3.IBucket;
  /** Days after which noncurrent object versions are deleted, in both regions. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
}

/** The construct id of the shared access-log buckets the defaults create, one per stack. */
const SHARED_ACCESS_LOGS_ID = 'ReplicatedBucketAccessLogs';

/**
 * A team's own bucket that passes every claims check and stock pack as it stands: SSE-KMS with a customer managed key
 * (rotation on), versioned, public access blocked, owner enforced, TLS 1.2+ only, server access logs, a lifecycle for
 * noncurrent versions, and replicated with Replication Time Control into a replica in another region (the
 * platform's recovery region) under that region's own key, with alarms on failed and late replication (DATA-3,
 * REST-1, TRANSIT-1, MONITOR-1). Not declared as customer data: customer files belong in the platform's upload bucket.
 * Cross-region names (replica bucket, its key alias, the replication role) are derived from this construct's path,
 * account and regions, so neither region refers to the other by a token. See docs/own-resources.md.
 */
export class ReplicatedBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly encryptionKey: kms.IKey;
  /** The copy in the other region. */
  readonly replica: s3.Bucket;
  /** The replica's key, in the other region. */
  readonly replicaKey: kms.Key;
  /** Alarms on failed replication and on replication beyond Replication Time Control. */
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ReplicatedBucketProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const replicaStack = Stack.of(props.replicaScope);
    checkRegions(this, stack, replicaStack);

    const names = replicationNames(this, stack, replicaStack);
    const replicaHome = new Construct(props.replicaScope, names.replicaConstructId);
    this.replicaKey = new kms.Key(replicaHome, 'Key', {
      description: `Encrypts the replica of ${this.node.path}`,
      enableKeyRotation: true,
      alias: names.replicaKeyAlias,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const replication = new ReplicaBucket(replicaHome, 'Replica', {
      bucketName: names.replicaBucket,
      encryptionKey: this.replicaKey,
      serverAccessLogsBucket: props.replicaServerAccessLogsBucket ?? sharedAccessLogs(replicaStack),
      replicationRoleArn: replicaStack.formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: names.replicationRole,
      }),
      sourceRegion: stack.region,
    });
    this.replica = replication.bucket;

    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Encrypts ${this.node.path}`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    const source = new EncryptedUploadBucket(this, 'Source', {
      encryptionKey: this.encryptionKey,
      serverAccessLogsBucket: props.serverAccessLogsBucket ?? sharedAccessLogs(stack),
      serverAccessLogsPrefix: `${names.replicaConstructId}/`,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays,
      replication: {
        destinationBucketName: names.replicaBucket,
        destinationRegion: replicaStack.region,
        // S3 replication accepts an alias ARN: no reference to the other region's key id.
        destinationKeyArn: replicaStack.formatArn({
          service: 'kms',
          resource: names.replicaKeyAlias,
          arnFormat: ArnFormat.NO_RESOURCE_NAME,
        }),
        roleName: names.replicationRole,
      },
    });
    this.bucket = source.bucket;
    // A team's bucket is not declared customer data (the claims would then ask the trail and the backup plan to
    // cover it, which they do for the platform's buckets only); nor is its replica a customer-data replica.
    Tags.of(this.bucket).remove(DATA_CLASSIFICATION_TAG);
    Tags.of(this.replica).remove(DATA_CLASSIFICATION_TAG);
    stack.addStackDependency(replicaStack, `the replica of ${this.node.path} must exist before replication names it`);
    this.alarms = replicationAlarms(this, props.alarmTopic, names.replicaBucket);
  }
}

interface ReplicationNames {
  readonly replicaConstructId: string;
  readonly replicaBucket: string;
  readonly replicaKeyAlias: string;
  readonly replicationRole: string;
}

function checkRegions(self: IConstruct, stack: Stack, replicaStack: Stack): void {
  const problem = (error: { code: string; setting: string; value: unknown; problem: string; fix: string }) =>
    new PlatformConstructError({ ...error, scope: self });
  for (const [which, s] of [
    ['its stack', stack],
    ['replicaScope', replicaStack],
  ] as const) {
    if (Token.isUnresolved(s.region) || Token.isUnresolved(s.account)) {
      throw problem({
        code: 'ReplicatedBucket.env',
        setting: 'env',
        value: `${s.node.path}: ${s.account}/${s.region}`,
        problem: `${which} has no concrete account and region, so the cross-region names cannot be derived`,
        fix: `put the stack inside the PlatformStage (it takes the stage's account) or give it env: { account, region }`,
      });
    }
  }
  if (replicaStack.region === stack.region) {
    throw problem({
      code: 'ReplicatedBucket.replicaScope.region',
      setting: 'replicaScope',
      value: replicaStack.node.path,
      problem: `is in ${stack.region}, this bucket's own region`,
      fix: 'give a construct of a stack in the recovery region (env: { region: stage.config.recoveryRegion.region })',
    });
  }
  if (replicaStack.account !== stack.account) {
    throw problem({
      code: 'ReplicatedBucket.replicaScope.account',
      setting: 'replicaScope',
      value: replicaStack.node.path,
      problem: `is in account ${replicaStack.account}, not this bucket's ${stack.account}`,
      fix: 'replicate within the account: give a stack of the same PlatformStage',
    });
  }
}

/**
 * Names both regions compute alike: from the stack name and the construct's path in it, with a hash when a name would
 * pass S3's 63 or IAM's 64 characters. Renaming the construct renames the replica (a new, empty bucket).
 */
function replicationNames(self: IConstruct, stack: Stack, replicaStack: Stack): ReplicationNames {
  const inStack = self.node.scopes.slice(self.node.scopes.indexOf(stack) + 1).map((s) => s.node.id);
  const base = [stack.stackName, ...inStack].join('-');
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const fit = (suffix: string, max: number): string => {
    const whole = `${slug}-${suffix}`;
    if (whole.length <= max) return whole;
    const hash = createHash('sha256').update(base).digest('hex').slice(0, 8);
    return `${slug.slice(0, max - suffix.length - hash.length - 2).replace(/-$/, '')}-${hash}-${suffix}`;
  };
  return {
    replicaConstructId: [stack.node.id, ...inStack].join('-'),
    replicaBucket: fit(`replica-${replicaStack.account}-${replicaStack.region}`, 63),
    replicaKeyAlias: `alias/${slug}/replica`,
    replicationRole: fit(`replication-${stack.region}`, 64),
  };
}

/** One AccessLogBucket per stack, shared by the ReplicatedBuckets (and replicas) that take the default. */
function sharedAccessLogs(stack: Stack): s3.IBucket {
  const existing = stack.node.tryFindChild(SHARED_ACCESS_LOGS_ID);
  if (existing instanceof AccessLogBucket) return existing.bucket;
  return new AccessLogBucket(stack, SHARED_ACCESS_LOGS_ID).bucket;
}

/** DATA-3 after deploy: an alarm on any failed replication and one on latency beyond Replication Time Control. */
function replicationAlarms(self: ReplicatedBucket, topic: sns.ITopic, destination: string): cloudwatch.Alarm[] {
  const metric = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/S3',
      metricName,
      dimensionsMap: {
        SourceBucket: self.bucket.bucketName,
        DestinationBucket: destination,
        RuleId: REPLICATION_RULE_ID,
      },
      statistic,
      period: Duration.minutes(5),
    });
  const maxLatency = REPLICATION_TIME_CONTROL_MINUTES * 60;
  const alarms = [
    new cloudwatch.Alarm(self, 'FailedReplicationAlarm', {
      alarmDescription: `Objects of ${self.node.path} failed to replicate to ${destination} (DATA-3)`,
      metric: metric('OperationsFailedReplication', cloudwatch.Stats.SUM),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(self, 'ReplicationLatencyAlarm', {
      alarmDescription: `Replication of ${self.node.path} lags beyond ${maxLatency} s (Replication Time Control, DATA-3)`,
      metric: metric('ReplicationLatency', cloudwatch.Stats.MAXIMUM),
      threshold: maxLatency,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  ];
  const action = new cloudwatchActions.SnsAction(topic);
  for (const alarm of alarms) alarm.addAlarmAction(action);
  return alarms;
}
