import { customerDataBucketCmk as check } from '../../../../lib/compliance/checks/rest-1/rest1-customer-data-bucket-customer-managed-key';
import { Change, classified, edited, getAtt, kmsKey, modelOf, verdicts } from '../../../support/check-fixtures';

const buckets = {
  Resources: {
    Key: kmsKey(),
    Uploads: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        Tags: classified('customer-data'),
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('Key') },
            },
          ],
        },
      },
    },
    // Not declared as customer data: not judged.
    Assets: { Type: 'AWS::S3::Bucket', Properties: {} },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(buckets, change) }));
const rule = (r: Parameters<Change>[0]) => r.Uploads.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];

describe('REST1-CustomerDataBucketCustomerManagedKey', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': buckets }))).toEqual(['Uploads: compliant']);
  });

  test('Noncompliance 1: S3 managed encryption, or none declared', () => {
    expect(judged((r) => (rule(r).ServerSideEncryptionByDefault = { SSEAlgorithm: 'AES256' }))).toEqual([
      'Uploads: NotSseKms',
    ]);
    expect(judged((r) => delete r.Uploads.Properties.BucketEncryption)).toEqual(['Uploads: NotSseKms']);
  });

  test('Noncompliance 2: the AWS managed key, not a key of the stack', () => {
    expect(judged((r) => (rule(r).ServerSideEncryptionByDefault.KMSMasterKeyID = 'alias/aws/s3'))).toEqual([
      'Uploads: KeyNotCustomerManagedInThisRegion',
    ]);
  });

  test('Noncompliance 3: a key without rotation', () => {
    expect(judged((r) => (r.Key.Properties.EnableKeyRotation = false))).toEqual(['Uploads: KeyRotationOff']);
  });

  test('Noncompliance 4: no bucket key', () => {
    expect(judged((r) => delete rule(r).BucketKeyEnabled)).toEqual(['Uploads: NoBucketKey']);
  });
});
