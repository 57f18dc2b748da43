import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { uploadsReplicatedToAnotherRegion, customerDataBucketCmk } from '../../lib/compliance/checks';
import {
  checksOf,
  failuresOf,
  judge,
  ofType,
  referenceClaimStatus,
  referenceFailures,
  referenceRuleResults,
  scratchStack,
  weakenedReference,
  asCustomerData,
} from '../support/claims-support';

const UPLOADS = 'x-uploads-123456789012-eu-west-1';

describe('REST-1: uploads encrypted at rest', () => {
  test('the reference platform satisfies every REST-1 rule and check, in both regions', () => {
    expect(referenceFailures('REST-1')).toEqual([]);
    const results = referenceRuleResults(checksOf('REST-1').rules);
    expect(new Set(results.filter((r) => r.status === 'pass').map((r) => r.region))).toEqual(
      new Set(['eu-west-1', 'eu-central-1']),
    );
  });

  test('the evidence marks REST-1 proven', () => {
    expect(referenceClaimStatus('REST-1').status).toBe('proven');
  });

  test('a bucket under a rotated key of its stack with a bucket key is compliant', () => {
    const stack = scratchStack();
    asCustomerData(
      new s3.Bucket(stack, 'U', {
        bucketName: UPLOADS,
        encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }),
        bucketKeyEnabled: true,
      }),
    );
    expect(judge(customerDataBucketCmk, stack)).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when an upload bucket uses S3-managed keys', () => {
    const stack = scratchStack();
    asCustomerData(new s3.Bucket(stack, 'U', { bucketName: UPLOADS, encryption: s3.BucketEncryption.S3_MANAGED }));
    expect(judge(customerDataBucketCmk, stack)).toEqual([['NotSseKms']]);
  });

  test('fails when the key does not rotate and no bucket key is used', () => {
    const stack = scratchStack();
    asCustomerData(
      new s3.Bucket(stack, 'U', {
        bucketName: UPLOADS,
        encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: false }),
      }),
    );
    expect(judge(customerDataBucketCmk, stack)).toEqual([['KeyRotationOff', 'NoBucketKey']]);
  });

  test('fails when the AWS managed key encrypts the bucket', () => {
    const stack = scratchStack();
    asCustomerData(
      new s3.Bucket(stack, 'U', {
        bucketName: UPLOADS,
        encryption: s3.BucketEncryption.KMS_MANAGED,
        bucketKeyEnabled: true,
      }),
    );
    expect(judge(customerDataBucketCmk, stack)).toEqual([['KeyNotCustomerManagedInThisRegion']]);
  });

  test('fails when the replica region key stops rotating', () => {
    const weak = weakenedReference((id, t) => {
      if (id === 'Recovery')
        for (const [, k] of ofType(t.Resources, 'AWS::KMS::Key')) k.Properties.EnableKeyRotation = false;
    });
    expect(failuresOf(uploadsReplicatedToAnotherRegion, weak)).toHaveLength(2);
  });
});
