import { everyDataStoreAccessLogged as check } from '../../../../lib/compliance/checks/monitor-1/monitor1-every-data-store-access-logged';
import { PlatformAssembly } from '../../../../lib/compliance/template/platform-assembly';
import { DATA_STORE_TYPES } from '../../../../lib/core/requirements/data-stores';
import { DATA_STORE_ACCESS_LOGGING, LOG_DESTINATION_TAG } from '../../../../lib/core/requirements/data-store-logging';
import type { RawJson } from '../../../support/claims-support';
import { Change, edited, inRegion, modelOf, RECOVERY, ref, resource, verdicts } from '../../../support/check-fixtures';
import { referenceAssembly } from '../../../support/reference-assembly';

const data = (type: string) => ({ Field: 'resources.type', Equals: [type] });
const DATA = { Field: 'eventCategory', Equals: ['Data'] };
const sseS3 = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] };
const logDestination = (kind: string) => [{ Key: LOG_DESTINATION_TAG, Value: kind }];

/** One store of each kind, each logged by its kind's means, and a trail recording them. */
const platform = {
  Resources: {
    Trail: resource('AWS::CloudTrail::Trail', {
      IsLogging: true,
      IsMultiRegionTrail: true,
      S3BucketName: ref('TrailFiles'),
      AdvancedEventSelectors: [
        { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        {
          FieldSelectors: [
            DATA,
            data('AWS::S3::Object'),
            { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::uploads/'] },
          ],
        },
        { FieldSelectors: [DATA, data('AWS::S3::Object'), { Field: 'readOnly', Equals: ['true'] }] },
        { FieldSelectors: [DATA, data('AWS::SQS::Queue')] },
        { FieldSelectors: [DATA, data('AWS::DynamoDB::Table')] },
        { FieldSelectors: [DATA, data('AWS::Kinesis::Stream')] },
        // Deletions of every object of every bucket: the log buckets' (their writes are the deliveries).
        {
          FieldSelectors: [
            DATA,
            data('AWS::S3::Object'),
            { Field: 'eventName', Equals: ['DeleteObject', 'DeleteObjects'] },
          ],
        },
      ],
    }),
    // Recorded by data events of every object.
    Uploads: resource('AWS::S3::Bucket', { BucketName: 'uploads', BucketEncryption: sseS3 }),
    // Recorded by server access logs.
    Scratch: resource('AWS::S3::Bucket', {
      BucketName: 'scratch',
      LoggingConfiguration: { DestinationBucketName: ref('AccessLogs'), LogFilePrefix: 'scratch/' },
    }),
    AccessLogs: resource('AWS::S3::Bucket', {
      BucketEncryption: sseS3,
      Tags: logDestination('s3-server-access-logs'),
    }),
    LoadBalancerLogs: resource('AWS::S3::Bucket', {
      BucketEncryption: sseS3,
      Tags: logDestination('load-balancer-access-logs'),
    }),
    LoadBalancer: resource('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: [
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: ref('LoadBalancerLogs') },
      ],
    }),
    Cluster: resource('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EnableCloudwatchLogsExports: ['postgresql'],
    }),
    Instance: resource('AWS::RDS::DBInstance', { DBClusterIdentifier: ref('Cluster'), Engine: 'aurora-postgresql' }),
    Queue: resource('AWS::SQS::Queue'),
    Table: resource('AWS::DynamoDB::Table'),
    Stream: resource('AWS::Kinesis::Stream'),
    Topic: resource('AWS::SNS::Topic'),
    Secret: resource('AWS::SecretsManager::Secret'),
    Logs: resource('AWS::Logs::LogGroup'),
    Files: resource('AWS::EFS::FileSystem'),
    // The trail's own bucket: a log bucket by the trail's S3BucketName, with server access logs of its own.
    TrailFiles: resource('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: ref('TrailAccessLogs'), LogFilePrefix: 'trail/' },
    }),
    TrailAccessLogs: resource('AWS::S3::Bucket', {
      BucketEncryption: sseS3,
      Tags: logDestination('s3-server-access-logs'),
    }),
  },
};

const STORES = [
  'Uploads',
  'Scratch',
  'AccessLogs',
  'LoadBalancerLogs',
  'Cluster',
  'Queue',
  'Table',
  'Stream',
  'Topic',
  'Secret',
  'Logs',
  'Files',
  'TrailFiles',
  'TrailAccessLogs',
];

type Resources = Record<string, RawJson>;
const selectors = (r: Resources) => r.Trail.Properties.AdvancedEventSelectors as RawJson[];
const withoutSelector = (r: Resources, index: number) => selectors(r).splice(index, 1);
/** The failures of the platform edited by `change`, as `<logical id>: <finding>`. */
const failures = (change: Change) =>
  verdicts(check, modelOf({ 'prod-Data': edited(platform, change) })).filter((v) => !v.endsWith(': compliant'));

describe('MONITOR1-EveryDataStoreAccessLogged', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': platform }))).toEqual(STORES.map((id) => `${id}: compliant`));
  });

  test('Compliance with basic selectors: reads of every bucket and all management events', () => {
    const basic = edited(platform, (r) => {
      delete r.Trail.Properties.AdvancedEventSelectors;
      r.Trail.Properties.EventSelectors = [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [
            { Type: 'AWS::S3::Object', Values: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Uploads', 'Arn'] }, '/']] }] },
            { Type: 'AWS::DynamoDB::Table', Values: ['arn:aws:dynamodb'] },
          ],
        },
        {
          ReadWriteType: 'ReadOnly',
          IncludeManagementEvents: false,
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::'] }],
        },
        // Writes of every bucket: the log buckets' deletions among them.
        {
          ReadWriteType: 'WriteOnly',
          IncludeManagementEvents: false,
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::'] }],
        },
      ];
      delete r.Queue;
      delete r.Stream;
    });
    expect(verdicts(check, modelOf({ 'prod-Data': basic }))).toEqual(
      STORES.filter((id) => id !== 'Queue' && id !== 'Stream').map((id) => `${id}: compliant`),
    );
  });

  test("Compliance: the reference platform records the deletions of every log bucket (the trail's, the access-log and load balancer log buckets)", () => {
    expect(verdicts(check, referenceAssembly()).filter((v) => !v.endsWith(': compliant'))).toEqual([]);
  });

  test('every kind of data store the checks judge has a means of access logging', () => {
    expect(DATA_STORE_TYPES.filter((type) => !DATA_STORE_ACCESS_LOGGING[type])).toEqual([]);
  });

  test.each<[number, string, Change, string[]]>([
    [
      1,
      'a bucket with neither server access logs nor data events',
      (r) => delete r.Scratch.Properties.LoggingConfiguration,
      ['Scratch: NoServerAccessLogNorDataEvents', 'AccessLogs: DeclaredLogDestinationReceivesNothing'],
    ],
    [
      2,
      'an access log target encrypted with a KMS key (S3 cannot deliver into it)',
      (r) => {
        r.AccessLogs.Properties.BucketEncryption = {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
        };
      },
      ['Scratch: AccessLogTargetNotSseS3'],
    ],
    [
      3,
      'an access log target with a default Object Lock retention',
      (r) => {
        r.AccessLogs.Properties.ObjectLockConfiguration = {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } },
        };
      },
      ['Scratch: AccessLogTargetHasDefaultObjectLockRetention'],
    ],
    [
      4,
      'a bucket logging into itself',
      (r) => {
        r.Scratch.Properties.LoggingConfiguration.DestinationBucketName = ref('Scratch');
      },
      ['Scratch: AccessLogTargetIsItself', 'AccessLogs: DeclaredLogDestinationReceivesNothing'],
    ],
    [
      5,
      'a log target the assembly does not hold (it cannot be judged)',
      (r) => {
        r.Scratch.Properties.LoggingConfiguration.DestinationBucketName = 'somewhere-else';
      },
      ['Scratch: AccessLogTargetNotInAssembly', 'AccessLogs: DeclaredLogDestinationReceivesNothing'],
    ],
    [
      6,
      'a bucket declared a log destination that nothing delivers into',
      (r) => {
        r.Decoy = resource('AWS::S3::Bucket', { Tags: logDestination('s3-server-access-logs') });
      },
      ['Decoy: DeclaredLogDestinationReceivesNothing'],
    ],
    [
      7,
      'a load balancer whose access logs are switched off',
      (r) => {
        (r.LoadBalancer.Properties.LoadBalancerAttributes as RawJson[])[0].Value = 'false';
      },
      ['LoadBalancerLogs: DeclaredLogDestinationReceivesNothing'],
    ],
    [
      8,
      'a log destination of a kind the check does not know',
      (r) => {
        r.AccessLogs.Properties.Tags = logDestination('anything');
      },
      ['AccessLogs: LogDestinationKindNotKnown'],
    ],
    [
      9,
      'no trail records the reads of the log destinations',
      (r) => withoutSelector(r, 2),
      [
        'AccessLogs: LogDestinationReadsNotRecorded',
        'LoadBalancerLogs: LogDestinationReadsNotRecorded',
        'TrailAccessLogs: LogDestinationReadsNotRecorded',
      ],
    ],
    [
      10,
      'a database cluster that exports no engine log',
      (r) => delete r.Cluster.Properties.EnableCloudwatchLogsExports,
      ['Cluster: DatabaseLogNotExported'],
    ],
    [
      11,
      'a standalone database instance of an engine the table does not know',
      (r) => {
        r.Legacy = resource('AWS::RDS::DBInstance', { Engine: 'sqlserver-ee', EnableCloudwatchLogsExports: ['error'] });
      },
      ['Legacy: EngineLogNotKnown'],
    ],
    [12, 'no trail records the data events of queues', (r) => withoutSelector(r, 3), ['Queue: DataEventsNotRecorded']],
    [
      13,
      'a queue selector that records reads only',
      (r) => {
        (selectors(r)[3].FieldSelectors as RawJson[]).push({ Field: 'readOnly', Equals: ['true'] });
      },
      ['Queue: DataEventsNotRecorded'],
    ],
    [
      14,
      'a table selector filtered by event name (the reader does not take it as recording everything)',
      (r) => {
        (selectors(r)[4].FieldSelectors as RawJson[]).push({ Field: 'eventName', Equals: ['PutItem'] });
      },
      ['Table: DataEventsNotRecorded'],
    ],
    [
      15,
      'a stream selector naming another stream only',
      (r) => {
        (selectors(r)[5].FieldSelectors as RawJson[]).push({ Field: 'resources.ARN', Equals: [{ Ref: 'Other' }] });
      },
      ['Stream: DataEventsNotRecorded'],
    ],
    [
      16,
      'no trail records management events',
      (r) => withoutSelector(r, 0),
      ['Topic', 'Secret', 'Logs', 'Files'].map((id) => `${id}: ManagementEventsNotRecorded`),
    ],
    [
      17,
      'a trail recording only a prefix of the bucket it is meant to cover whole',
      (r) => {
        (selectors(r)[1].FieldSelectors as RawJson[])[2].StartsWith = ['arn:aws:s3:::uploads/images/'];
      },
      ['Uploads: NoServerAccessLogNorDataEvents'],
    ],
  ])('Noncompliance %i: %s', (_n, _why, change, expected) => {
    expect(failures(change)).toEqual(expected);
  });

  test('Noncompliance 21: a log target in another region (S3 delivers only within the region)', () => {
    const pointed = edited(platform, (r) => {
      r.Scratch.Properties.LoggingConfiguration.DestinationBucketName = 'logs-elsewhere';
    });
    const elsewhere = {
      Resources: { Logs: resource('AWS::S3::Bucket', { BucketName: 'logs-elsewhere', BucketEncryption: sseS3 }) },
    };
    expect(
      verdicts(check, modelOf({ 'prod-Data': pointed, 'prod-Recovery': inRegion(RECOVERY, elsewhere) })).filter((v) =>
        v.startsWith('Scratch:'),
      ),
    ).toEqual(['Scratch: AccessLogTargetInAnotherRegionOrAccount']);
  });

  test('Noncompliance 18: a trail that is not logging records nothing', () => {
    // Every store but the two logged by other means fails; the three log destinations twice (reads, deletions).
    expect(failures((r) => (r.Trail.Properties.IsLogging = false))).toHaveLength(STORES.length - 2 + 3);
  });

  const LOG_BUCKETS = ['AccessLogs', 'LoadBalancerLogs', 'TrailFiles', 'TrailAccessLogs'];
  test.each<[number, string, Change]>([
    [22, 'no trail records the deletions of the log buckets', (r) => withoutSelector(r, 6)],
    [
      23,
      'a deletion selector that leaves out DeleteObjects (a batch deletion would go unrecorded)',
      (r) => {
        (selectors(r)[6].FieldSelectors as RawJson[])[2].Equals = ['DeleteObject'];
      },
    ],
    [
      24,
      'a deletion selector narrowed to reads',
      (r) => {
        (selectors(r)[6].FieldSelectors as RawJson[]).push({ Field: 'readOnly', Equals: ['true'] });
      },
    ],
    [
      25,
      'a deletion selector that excludes the deletions instead',
      (r) => {
        const byName = (selectors(r)[6].FieldSelectors as RawJson[])[2];
        byName.NotEquals = byName.Equals;
        delete byName.Equals;
      },
    ],
  ])('Noncompliance %i: %s', (_n, _why, change) => {
    expect(failures(change)).toEqual(LOG_BUCKETS.map((id) => `${id}: LogBucketDeletionsNotRecorded`));
  });

  test('Compliance: a selector of every write of every bucket records the deletions too', () => {
    const writes = edited(platform, (r) => {
      (selectors(r)[6].FieldSelectors as RawJson[])[2] = { Field: 'readOnly', Equals: ['false'] };
    });
    expect(verdicts(check, modelOf({ 'prod-Data': writes }))).toEqual(STORES.map((id) => `${id}: compliant`));
  });

  test("Noncompliance 26: the trail's bucket named by a literal name is a log bucket too", () => {
    const named = edited(platform, (r) => {
      r.Trail.Properties.S3BucketName = 'trail-files';
      r.TrailFiles.Properties.BucketName = 'trail-files';
      withoutSelector(r, 6);
    });
    expect(verdicts(check, modelOf({ 'prod-Data': named }))).toContain('TrailFiles: LogBucketDeletionsNotRecorded');
  });

  test('Noncompliance 19: a single-region trail does not record a store of the other region', () => {
    const single = edited(platform, (r) => (r.Trail.Properties.IsMultiRegionTrail = false));
    const recovery = { Resources: { Queue: resource('AWS::SQS::Queue') } };
    expect(verdicts(check, modelOf({ 'prod-Data': single, 'prod-Recovery': inRegion(RECOVERY, recovery) }))).toContain(
      'Queue: DataEventsNotRecorded',
    );
  });

  test("Noncompliance 20: a trail of another account does not record this account's stores", () => {
    const stores = { Resources: { Topic: resource('AWS::SNS::Topic') } };
    const trailOnly = { Resources: { Trail: platform.Resources.Trail } };
    const model = modelOf({ 'prod-Service': stores });
    const other = modelOf({ 'audit-Trail': trailOnly }, { account: '210987654321' });
    const both = new PlatformAssembly([...model.stacks, ...other.stacks]);
    expect(verdicts(check, both)).toEqual(['Topic: ManagementEventsNotRecorded']);
  });
});
