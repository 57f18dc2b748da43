import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogBucket } from '../../lib/data/access-log-bucket';
import { EncryptedUploadBucket, EncryptedUploadBucketProps } from '../../lib/data/encrypted-upload-bucket';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const REPLICATION = {
  destinationBucketName: 'replica-bucket',
  destinationRegion: 'eu-central-1',
  destinationKeyArn: 'arn:aws:kms:eu-central-1:123456789012:alias/test/recovery/data',
  roleName: 'test-uploads-replication',
};

function build(overrides: Partial<EncryptedUploadBucketProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Data', { env: ENV });
  const key = new kms.Key(stack, 'DataKey');
  const logs = new AccessLogBucket(stack, 'Logs').bucket;
  const uploads = new EncryptedUploadBucket(stack, 'Uploads', {
    bucketName: 'uploads-bucket',
    encryptionKey: key,
    serverAccessLogsBucket: logs,
    replication: REPLICATION,
    ...overrides,
  });
  return { app, stack, uploads };
}

describe('EncryptedUploadBucket', () => {
  let template: Template;
  beforeAll(() => {
    const { app, stack, uploads } = build();
    const service = new Stack(app, 'Service', { env: ENV });
    const role = new iam.Role(service, 'TaskRole', {
      roleName: 'test-task',
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    });
    uploads.grantReadWrite(role);
    template = Template.fromStack(stack);
  });

  test('encrypts with the customer managed key and a bucket key, versioned, private, owner enforced, logged', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketName: 'uploads-bucket',
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
            },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'Uploads/' }),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('expires noncurrent versions and aborts incomplete uploads, never in one zone', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'uploads-bucket',
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            NoncurrentVersionTransitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          }),
        ],
      },
    });
  });

  test('keeps current versions unless told to expire them', () => {
    const rules = template.findResources('AWS::S3::Bucket', { Properties: { BucketName: 'uploads-bucket' } });
    expect(JSON.stringify(rules)).not.toMatch(/ExpirationInDays|ExpiredObjectDeleteMarker/);
  });

  test('expires current versions after the given days, then the expired version and its delete marker (unique keys)', () => {
    const { stack } = build({
      objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(35)),
      currentVersionExpirationDays: 35,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'uploads-bucket',
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          {
            Id: 'ExpireCurrentVersionsAfterRetention',
            Status: 'Enabled',
            ExpirationInDays: 35,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          },
          { Id: 'RemoveExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
        ]),
      },
    });
  });

  test('without Object Lock, leaves noncurrent versions to the noncurrent rule (the undo window)', () => {
    const { stack } = build({ currentVersionExpirationDays: 35 });
    const [bucket] = Object.values(
      Template.fromStack(stack).findResources('AWS::S3::Bucket', { Properties: { BucketName: 'uploads-bucket' } }),
    );
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules.find((r) => r.Id === 'ExpireCurrentVersionsAfterRetention')).toEqual({
      Id: 'ExpireCurrentVersionsAfterRetention',
      Status: 'Enabled',
      ExpirationInDays: 35,
    });
  });

  test('fails when current versions would expire before their Object Lock ends, or after no whole day', () => {
    expect(() =>
      build({
        objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(35)),
        currentVersionExpirationDays: 30,
      }),
    ).toThrow(
      /\[EncryptedUploadBucket\.currentVersionExpirationDays\] .*currentVersionExpirationDays = 30: is shorter than the Object Lock retention of 35 days\. Fix: expire current versions after at least the lock's 35 days/,
    );
    expect(() => build({ currentVersionExpirationDays: 0.5 })).toThrow(
      /currentVersionExpirationDays = 0\.5: is not a whole number of days from 1/,
    );
  });

  test('replicates to the recovery region with RTC, metrics, delete markers and the replica key', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'uploads-bucket',
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReplicationRole'), 'Arn'] },
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: {
              Bucket: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::replica-bucket']] },
              EncryptionConfiguration: { ReplicaKmsKeyID: REPLICATION.destinationKeyArn },
              ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
              Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
            },
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'test-uploads-replication' });
  });

  test('denies requests without TLS 1.2', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('grants a role of another stack on the bucket and key policies by its fixed ARN, without a cross-stack reference', () => {
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:role/test-task']] };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: Match.arrayWith(['s3:GetObject', 's3:PutObject']),
            Condition: { ArnEquals: { 'aws:PrincipalArn': arn } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['kms:Decrypt', 'kms:GenerateDataKey']),
            Condition: {
              ArnEquals: { 'aws:PrincipalArn': arn },
              StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
            },
          }),
        ]),
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });

  test('fails when no replication is given and single region is not accepted', () => {
    expect(() => build({ replication: undefined })).toThrow(
      /^\[EncryptedUploadBucket\.replication\] Data\/Uploads: replication = undefined: leaves the bucket in one region/,
    );
  });

  test('fails when replicating into its own region', () => {
    expect(() => build({ replication: { ...REPLICATION, destinationRegion: 'eu-west-1' } })).toThrow(
      /is this bucket's own region/,
    );
  });

  test('fails when a role of another stack has a generated name', () => {
    const { app, uploads } = build();
    const other = new Stack(app, 'Other', { env: ENV });
    const role = new iam.Role(other, 'Anon', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    expect(() => uploads.grantRead(role)).toThrow(/has a generated name. Fix: give the role a fixed roleName/);
  });
});
