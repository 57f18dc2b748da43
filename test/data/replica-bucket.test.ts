import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AccessLogBucket } from '../../lib/data/access-log-bucket';
import { ReplicaBucket } from '../../lib/data/replica-bucket';

const ROLE = 'arn:aws:iam::123456789012:role/test-uploads-replication-eu-west-1';

describe('ReplicaBucket', () => {
  let template: Template;
  beforeAll(() => {
    const stack = new Stack(new App(), 'Recovery', { env: { account: '123456789012', region: 'eu-central-1' } });
    new ReplicaBucket(stack, 'UploadReplica', {
      bucketName: 'test-uploads-replica',
      encryptionKey: new kms.Key(stack, 'DataKey', { enableKeyRotation: true }),
      serverAccessLogsBucket: new AccessLogBucket(stack, 'Logs').bucket,
      replicationRoleArn: ROLE,
      sourceRegion: 'eu-west-1',
    });
    template = Template.fromStack(stack);
  });

  test('lets only the replication role write replicas, by ARN condition', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ReplicationRoleWritesReplicas',
            Principal: { AWS: '*' },
            Action: Match.arrayWith(['s3:ReplicateObject', 's3:ReplicateDelete']),
            Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE } },
          }),
        ]),
      },
    });
  });

  test('lets the replication role encrypt with this region key only through S3', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
            Condition: {
              ArnEquals: { 'aws:PrincipalArn': ROLE },
              StringEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
            },
          }),
        ]),
      },
    });
  });

  test('is itself private, versioned and KMS-encrypted, and does not replicate further', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'test-uploads-replica',
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ BucketKeyEnabled: true })] },
      ReplicationConfiguration: Match.absent(),
    });
  });
});

describe('AccessLogBucket', () => {
  test('keeps access logs at least a year, encrypted with S3-managed keys (the only kind log delivery accepts)', () => {
    const stack = new Stack(new App(), 'S');
    new AccessLogBucket(stack, 'Logs');
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 400 })] },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('fails when access logs would be kept less than a year', () => {
    expect(() => new AccessLogBucket(new Stack(new App(), 'S'), 'Logs', { retentionDays: 90 })).toThrow(
      /^\[AccessLogBucket\.retentionDays\] S\/Logs: retentionDays = 90: is shorter than a year/,
    );
  });
});
