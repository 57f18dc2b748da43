import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { acknowledgeFinding } from '../core/acknowledge';

export interface ConfigRecordingProps {
  /**
   * Record IAM and other global resource types here. Only one region of an account should, or every global change
   * is recorded (and billed) twice.
   * @default true
   */
  readonly includeGlobalResourceTypes?: boolean;
  /** Bucket receiving the delivery bucket's server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /** Days configuration snapshots and history files are kept. @default 400 - more than a year of audit history */
  readonly retentionDays?: number;
}

/**
 * The service-linked role AWS Config records with. It is an account-wide singleton created once by
 * `aws iam create-service-linked-role --aws-service-name config.amazonaws.com` (README, "Deploy for real"): declaring
 * it in a stack would collide in every account that has used Config once, and a role of our own would need the
 * AWS managed `AWS_ConfigRole` policy or a `*`-resource read policy, which cdk-nag cannot acknowledge.
 */
export const CONFIG_SERVICE_LINKED_ROLE = 'aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';

/**
 * One region's AWS Config recording (the `create` mode of `threatDetection.config`): a configuration recorder of
 * every supported resource type and a delivery channel to a bucket encrypted with a customer managed key. Security
 * Hub's Foundational Security Best Practices controls and the platform's Config rules evaluate what it records.
 */
export class ConfigRecording extends Construct {
  readonly recorder: config.CfnConfigurationRecorder;
  readonly deliveryChannel: config.CfnDeliveryChannel;
  readonly bucket: s3.Bucket;
  readonly encryptionKey: kms.Key;

  constructor(scope: Construct, id: string, props: ConfigRecordingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const retentionDays = props.retentionDays ?? 400;
    if (!Number.isInteger(retentionDays) || retentionDays < 365) {
      throw new PlatformConstructError({
        code: 'ConfigRecording.retentionDays',
        scope: this,
        setting: 'retentionDays',
        value: retentionDays,
        problem: 'is shorter than a year',
        fix: 'keep configuration history at least 365 days (default 400)',
      });
    }
    const configService = new iam.ServicePrincipal('config.amazonaws.com');
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'Encrypts the AWS Config configuration history and snapshots',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigOfThisAccountToEncrypt',
        principals: [configService],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: sourceAccount,
      }),
    );

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'config-bucket/',
      lifecycleRules: [
        {
          id: 'ExpireConfigHistory',
          expiration: Duration.days(retentionDays),
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The bucket policy AWS Config's delivery needs (AWS Config developer guide, "Permissions for the Amazon S3
    // bucket"), limited to this account's Config.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigToCheckTheBucket',
        principals: [configService],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: sourceAccount,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigToDeliver',
        principals: [configService],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`AWSLogs/${stack.account}/Config/*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );
    const notReplicated =
      'Configuration history is not replicated: each region records and keeps its own, and both regions run a recorder; AWS Config also keeps the configuration items queryable in the service for the recorder retention period.';
    acknowledgeFinding(
      this.bucket,
      { rule: 'NIST.800.53.R5-S3BucketReplicationEnabled', claim: 'MONITOR-2', reason: notReplicated },
      { rule: 'PCI.DSS.321-S3BucketReplicationEnabled', claim: 'MONITOR-2', reason: notReplicated },
      { rule: 'HIPAA.Security-S3BucketReplicationEnabled', claim: 'MONITOR-2', reason: notReplicated },
    );

    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: stack.formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: CONFIG_SERVICE_LINKED_ROLE,
      }),
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: props.includeGlobalResourceTypes ?? true,
      },
    });
    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: this.bucket.bucketName,
      s3KmsKeyArn: this.encryptionKey.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    // Config refuses a delivery channel without a recorder, and fails delivery until the bucket policy exists.
    this.deliveryChannel.addResourceDependency(this.recorder);
    if (this.bucket.policy) this.deliveryChannel.node.addDependency(this.bucket.policy);
  }
}
