import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AuditTrail, TRAIL_OBJECT_LOCK_DEFAULT_DAYS } from '../../lib/monitoring/audit-trail';

const env = { account: '123456789012', region: 'eu-west-1' };

describe('AuditTrail', () => {
  let template: Template;
  beforeAll(() => {
    // GIVEN a customer-data bucket known only by name
    const stack = new Stack(new App({ context: { '@aws-cdk/core:enablePartitionLiterals': true } }), 'Trail', { env });
    const uploads = s3.Bucket.fromBucketName(stack, 'Uploads', 'prod-uploads-123456789012-eu-west-1');
    // WHEN
    new AuditTrail(stack, 'Audit', { customerDataBuckets: [uploads] });
    template = Template.fromStack(stack);
  });

  test("the trail bucket's access logs are delivered by bucket policy, not by ACL, in an app without the feature flag", () => {
    const logBucket = Object.keys(
      template.findResources('AWS::S3::Bucket', { Properties: { LoggingConfiguration: Match.absent() } }),
    );
    expect(logBucket).toHaveLength(1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      AccessControl: Match.absent(),
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: Match.objectLike({ Rules: [Match.objectLike({ Id: 'ExpireAccessLogs' })] }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logBucket[0] },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:PutObject', Principal: { Service: 'logging.s3.amazonaws.com' } }),
        ]),
      },
    });
  });

  test('is multi-region, with global service events, log-file validation and a customer managed key', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('AuditKey'), 'Arn'] },
    });
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
  });

  test('records management events, reads and writes of every object in the customer-data buckets, and reads of every bucket', () => {
    const data = (type: string, ...more: object[]) => [
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: [type] },
      ...more,
    ];
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      EventSelectors: Match.absent(),
      AdvancedEventSelectors: Match.arrayWith([
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        {
          Name: 'Object reads of every bucket',
          FieldSelectors: data('AWS::S3::Object', { Field: 'readOnly', Equals: ['true'] }),
        },
        {
          Name: 'Object reads and writes of the customer-data buckets',
          FieldSelectors: data('AWS::S3::Object', {
            Field: 'resources.ARN',
            StartsWith: ['arn:aws:s3:::prod-uploads-123456789012-eu-west-1/'],
          }),
        },
      ]),
    });
  });

  test("records the data events of every queue, table and stream, so a team's own are recorded without a reference", () => {
    const selectors = Object.values(template.findResources('AWS::CloudTrail::Trail'))[0].Properties
      .AdvancedEventSelectors as { FieldSelectors: { Field: string; Equals?: string[] }[] }[];
    const everyOf = selectors
      .filter((s) => s.FieldSelectors.length === 2)
      .map((s) => s.FieldSelectors.find((f) => f.Field === 'resources.type')?.Equals);
    expect(everyOf).toEqual([['AWS::SQS::Queue'], ['AWS::DynamoDB::Table'], ['AWS::Kinesis::Stream']]);
  });

  test('records only the queues it is given when told not to record every store', () => {
    const stack = new Stack(new App(), 'Listed', { env });
    const trail = new AuditTrail(stack, 'Audit', { recordEveryQueueTableAndStream: false });
    trail.recordQueueDataEvents([sqs.Queue.fromQueueArn(stack, 'Q', 'arn:aws:sqs:eu-west-1:123456789012:alerts-dlq')]);
    const selectors = Template.fromStack(stack).findResources('AWS::CloudTrail::Trail');
    expect(JSON.stringify(selectors)).not.toContain('AWS::DynamoDB::Table');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: Match.arrayWith([
        Match.objectLike({
          FieldSelectors: Match.arrayWith([
            { Field: 'resources.type', Equals: ['AWS::SQS::Queue'] },
            { Field: 'resources.ARN', Equals: ['arn:aws:sqs:eu-west-1:123456789012:alerts-dlq'] },
          ]),
        }),
      ]),
    });
  });

  test('delivers to an encrypted, retained log group through a role with a scoped managed policy', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('AuditKey'), 'Arn'] }, RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AuditLogGroup'), 'Arn'] },
      CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AuditLogsRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('AuditLogGroup'), 'Arn'] },
          },
        ],
      },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('lets only CloudTrail and CloudWatch Logs of this account use the key', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:123456789012:trail/*' },
            },
          }),
          Match.objectLike({
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: {
              ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:123456789012:log-group:*' },
            },
          }),
        ]),
      },
    });
  });

  test('keeps trail files in a versioned, private, KMS-encrypted, access-logged bucket with a lifecycle', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
          ],
        },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: Match.stringLikeRegexp('AuditAccessLogBucket') },
          LogFilePrefix: 'trail-bucket/',
        },
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              ExpirationInDays: 2557,
              Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
            }),
          ],
        },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('locks every trail file for a year in GOVERNANCE mode by default (tamper-resistant, not only tamper-evident)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'trail-bucket/' }),
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: TRAIL_OBJECT_LOCK_DEFAULT_DAYS } },
      },
    });
    // The access-log bucket stays unlocked: S3 delivers no server access logs into a bucket with Object Lock.
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: Match.objectLike({ Rules: [Match.objectLike({ Id: 'ExpireAccessLogs' })] }),
      ObjectLockEnabled: Match.absent(),
    });
  });

  test('locks in COMPLIANCE mode and for the days given', () => {
    const stack = new Stack(new App(), 'Compliance', { env });
    new AuditTrail(stack, 'Audit', { objectLockMode: 'compliance', objectLockRetentionDays: 400 });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } },
      },
    });
  });

  test('records the deletions of every object of every bucket by event name, never the deliveries', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: Match.arrayWith([
        {
          Name: 'Object deletions of every bucket',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'eventName', Equals: ['DeleteObject', 'DeleteObjects'] },
          ],
        },
      ]),
    });
    // No selector records the writes of every bucket: CloudTrail's own PutObject deliveries would loop.
    const selectors = Object.values(template.findResources('AWS::CloudTrail::Trail'))[0].Properties
      .AdvancedEventSelectors as { FieldSelectors: { Field: string }[] }[];
    const everyBucketWrites = selectors.filter(
      (s) =>
        JSON.stringify(s).includes('AWS::S3::Object') &&
        !s.FieldSelectors.some((f) => ['readOnly', 'eventName', 'resources.ARN'].includes(f.Field)),
    );
    expect(everyBucketWrites).toEqual([]);
  });

  test('fails when the lock would outlive the expiry (lifecycle cannot delete a locked version)', () => {
    const stack = new Stack(new App(), 'Locked', { env });
    expect(() => new AuditTrail(stack, 'Audit', { expireAfterDays: 400, objectLockRetentionDays: 401 })).toThrow(
      /^\[AuditTrail\.objectLockRetentionDays\] Locked\/Audit: objectLockRetentionDays = 401: it must be a whole number of days from 1 to expireAfterDays \(400\).*Fix: give at most 400/,
    );
  });

  test('denies any access to the trail bucket without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('AuditBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('fails when trail files would expire within a year', () => {
    const stack = new Stack(new App(), 'Short', { env });
    expect(() => new AuditTrail(stack, 'Audit', { expireAfterDays: 30 })).toThrow(
      /\[AuditTrail\.expireAfterDays\] .*expireAfterDays = 30: audit records must be kept at least 365 days/,
    );
  });

  test('fails when archiving would come after expiry', () => {
    const stack = new Stack(new App(), 'Late', { env });
    expect(() => new AuditTrail(stack, 'Audit', { archiveAfterDays: 400, expireAfterDays: 400 })).toThrow(
      /\[AuditTrail\.archiveAfterDays\] .*archiveAfterDays = 400: it must be a whole number of days from 1 to below expireAfterDays \(400\)/,
    );
  });
});
