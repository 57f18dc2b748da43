import { uploadsReplicatedToAnotherRegion as check } from '../../../../lib/compliance/checks/data-3/data3-uploads-replicated-to-another-region';
import {
  Change,
  classified,
  edited,
  inRegion,
  kmsKey,
  modelOf,
  onPlatform,
  outcomes,
  PRIMARY,
  RECOVERY,
  ref,
} from '../../../support/check-fixtures';

const data = onPlatform({
  Resources: {
    Uploads: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: 'prod-uploads',
        Tags: classified('customer-data'),
        ReplicationConfiguration: {
          Role: 'r',
          Rules: [
            {
              Status: 'Enabled',
              Destination: {
                Bucket: 'arn:aws:s3:::prod-uploads-replica',
                ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
                EncryptionConfiguration: {
                  ReplicaKmsKeyID: 'arn:aws:kms:eu-central-1:123456789012:alias/prod-replica',
                },
              },
            },
          ],
        },
      },
    },
  },
});
const recovery = onPlatform({
  Resources: {
    Replica: {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: 'prod-uploads-replica', Tags: classified('customer-data-replica') },
    },
    ReplicaKey: kmsKey(),
    ReplicaAlias: {
      Type: 'AWS::KMS::Alias',
      Properties: { AliasName: 'alias/prod-replica', TargetKeyId: ref('ReplicaKey') },
    },
  },
});
const judged = (dataChange: Change, recoveryChange: Change = () => {}, recoveryRegion = RECOVERY) =>
  outcomes(
    check,
    modelOf({
      'prod-Data': edited(data, dataChange),
      'prod-Recovery': inRegion(recoveryRegion, edited(recovery, recoveryChange)),
    }),
  );
const destination = (r: Parameters<Change>[0]) => r.Uploads.Properties.ReplicationConfiguration.Rules[0].Destination;
const FAILED =
  'fail Uploads: bucket prod-uploads: no RTC replication to a declared bucket of another region under a rotated key of that region';

describe('DATA3-UploadsReplicatedToAnotherRegion', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([
      'pass Uploads: bucket prod-uploads: replicated with RTC to prod-uploads-replica in eu-central-1 under alias/prod-replica',
    ]);
  });

  test('Noncompliance 1: no upload or dump bucket to judge (or no platform metadata)', () => {
    expect(judged((r) => (r.Uploads.Properties.Tags = classified('customer-data-replica')))).toEqual([
      'fail -: no upload or dump bucket in the assembly to judge',
    ]);
    expect(outcomes(check, modelOf({ 'prod-Data': { Resources: data.Resources } }))).toEqual([
      'fail -: no upload or dump bucket in the assembly to judge',
    ]);
  });

  const none: Change = () => {};
  test.each<{ n: number; what: string; data?: Change; recovery?: Change; region?: string }>([
    { n: 2, what: 'replication without RTC', data: (r) => delete destination(r).ReplicationTime },
    {
      n: 3,
      what: 'a destination bucket the assembly does not declare',
      data: (r) => (destination(r).Bucket = 'arn:aws:s3:::elsewhere'),
    },
    { n: 4, what: 'a replica in the same region', region: PRIMARY },
    {
      n: 5,
      what: 'a replica key of another region',
      data: (r) =>
        (destination(r).EncryptionConfiguration.ReplicaKmsKeyID =
          'arn:aws:kms:eu-west-1:123456789012:alias/prod-replica'),
    },
    {
      n: 6,
      what: 'a replica key without rotation',
      recovery: (r) => (r.ReplicaKey.Properties.EnableKeyRotation = false),
    },
    { n: 7, what: 'a replica key alias the recovery stack does not declare', recovery: (r) => delete r.ReplicaAlias },
  ])('Noncompliance $n: $what', ({ data: dataChange = none, recovery: recoveryChange = none, region = RECOVERY }) => {
    expect(judged(dataChange, recoveryChange, region)).toEqual([FAILED]);
  });
});
