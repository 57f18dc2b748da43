import { bucketReplicationTimeControl as check } from '../../../../lib/compliance/checks/data-3/data3-customer-data-bucket-replicates-with-rtc';
import { Change, classified, edited, modelOf, verdicts } from '../../../support/check-fixtures';

const rule = {
  Status: 'Enabled',
  DeleteMarkerReplication: { Status: 'Enabled' },
  Destination: {
    Bucket: 'arn:aws:s3:::prod-uploads-replica',
    ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
    Metrics: { Status: 'Enabled' },
    EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-central-1:123456789012:alias/replica' },
  },
};
const buckets = {
  Resources: {
    Uploads: {
      Type: 'AWS::S3::Bucket',
      Properties: { Tags: classified('customer-data'), ReplicationConfiguration: { Role: 'r', Rules: [rule] } },
    },
    // Neither a replica nor an unclassified bucket has to replicate.
    Replica: { Type: 'AWS::S3::Bucket', Properties: { Tags: classified('customer-data-replica') } },
    Logs: { Type: 'AWS::S3::Bucket', Properties: {} },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(buckets, change) }));

describe('DATA3-CustomerDataBucketReplicatesWithRtc', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': buckets }))).toEqual(['Uploads: compliant']);
  });

  test('Noncompliance 1: no enabled replication rule', () => {
    expect(judged((r) => (r.Uploads.Properties.ReplicationConfiguration.Rules[0].Status = 'Disabled'))).toEqual([
      'Uploads: NotReplicated',
    ]);
    expect(judged((r) => delete r.Uploads.Properties.ReplicationConfiguration)).toEqual(['Uploads: NotReplicated']);
  });

  test.each([
    [2, 'NoReplicationTimeControl', (d: Record<string, unknown>) => delete d.ReplicationTime],
    [3, 'NoReplicationMetrics', (d: Record<string, unknown>) => delete d.Metrics],
    [4, 'ReplicaNotKmsEncrypted', (d: Record<string, unknown>) => delete d.EncryptionConfiguration],
  ])('Noncompliance %i: %s', (_n, finding, change) => {
    expect(judged((r) => change(r.Uploads.Properties.ReplicationConfiguration.Rules[0].Destination))).toEqual([
      `Uploads: ${finding}`,
    ]);
  });

  test('Noncompliance 5: delete markers not replicated', () => {
    expect(
      judged(
        (r) => (r.Uploads.Properties.ReplicationConfiguration.Rules[0].DeleteMarkerReplication.Status = 'Disabled'),
      ),
    ).toEqual(['Uploads: DeleteMarkersNotReplicated']);
  });
});
