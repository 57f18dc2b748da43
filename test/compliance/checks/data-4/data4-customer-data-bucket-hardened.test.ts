import { customerDataBucketHardened as check } from '../../../../lib/compliance/checks/data-4/data4-customer-data-bucket-hardened';
import { Change, classified, edited, modelOf, verdicts } from '../../../support/check-fixtures';

const BLOCKS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
const buckets = {
  Resources: {
    Uploads: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        Tags: classified('database-dump'),
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: Object.fromEntries(BLOCKS.map((block) => [block, true])),
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: {
          Rules: [
            { Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 } },
            { Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
          ],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogs' } },
      },
    },
    AccessLogs: { Type: 'AWS::S3::Bucket', Properties: {} },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(buckets, change) }));

describe('DATA4-CustomerDataBucketHardened', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': buckets }))).toEqual(['Uploads: compliant']);
  });

  test.each<[number, string, Change]>([
    [1, 'NotVersioned', (r) => (r.Uploads.Properties.VersioningConfiguration.Status = 'Suspended')],
    [
      2,
      'PublicAccessNotFullyBlocked',
      (r) => (r.Uploads.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets = false),
    ],
    [
      3,
      'OwnershipNotEnforced',
      (r) => (r.Uploads.Properties.OwnershipControls.Rules[0].ObjectOwnership = 'ObjectWriter'),
    ],
    [
      4,
      'NoNoncurrentVersionLifecycle',
      (r) => (r.Uploads.Properties.LifecycleConfiguration.Rules[0].Status = 'Disabled'),
    ],
    [5, 'NoIncompleteUploadLifecycle', (r) => r.Uploads.Properties.LifecycleConfiguration.Rules.pop()],
    [6, 'NoServerAccessLog', (r) => delete r.Uploads.Properties.LoggingConfiguration],
  ])('Noncompliance %i: %s', (_n, finding, change) => {
    expect(judged(change)).toEqual([`Uploads: ${finding}`]);
  });
});
