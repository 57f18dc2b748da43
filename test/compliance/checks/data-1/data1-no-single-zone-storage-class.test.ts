import { noSingleZoneStorage as check } from '../../../../lib/compliance/checks/data-1/data1-no-single-zone-storage-class';
import { Change, edited, modelOf, verdicts } from '../../../support/check-fixtures';

const storage = {
  Resources: {
    Bucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        LifecycleConfiguration: { Rules: [{ Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA' }] }] },
      },
    },
    Files: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: true } },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(storage, change) }));

describe('DATA1-NoSingleZoneStorageClass', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': storage }))).toEqual(['Bucket: compliant', 'Files: compliant']);
  });

  test('Noncompliance 1: an S3 Express One Zone directory bucket', () => {
    expect(judged((r) => (r.Express = { Type: 'AWS::S3Express::DirectoryBucket', Properties: {} }))).toEqual([
      'Bucket: compliant',
      'Files: compliant',
      'Express: S3ExpressOneZoneBucket',
    ]);
  });

  test('Noncompliance 2: an EFS One Zone file system', () => {
    expect(judged((r) => (r.Files.Properties.AvailabilityZoneName = 'eu-west-1a'))).toEqual([
      'Bucket: compliant',
      'Files: EfsOneZone',
    ]);
  });

  test.each([
    [3, 'a lifecycle transition', { Status: 'Enabled', Transitions: [{ StorageClass: 'ONEZONE_IA' }] }],
    [
      4,
      'a noncurrent-version transition',
      { Status: 'Enabled', NoncurrentVersionTransition: { StorageClass: 'ONEZONE_IA' } },
    ],
  ])('Noncompliance %i: %s to ONEZONE_IA', (_n, _what, rule) => {
    expect(judged((r) => r.Bucket.Properties.LifecycleConfiguration.Rules.push(rule))).toEqual([
      'Bucket: OneZoneStorageClass',
      'Files: compliant',
    ]);
  });

  test('Noncompliance 5: replicas written to ONEZONE_IA', () => {
    const replication = {
      Role: 'r',
      Rules: [{ Status: 'Enabled', Destination: { Bucket: 'b', StorageClass: 'ONEZONE_IA' } }],
    };
    expect(judged((r) => (r.Bucket.Properties.ReplicationConfiguration = replication))).toEqual([
      'Bucket: OneZoneStorageClass',
      'Files: compliant',
    ]);
  });
});
