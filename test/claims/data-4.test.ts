import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { uploadsReachedPrivately, customerDataBucketHardened } from '../../lib/compliance/checks';
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

describe('DATA-4: uploads on servers without bottlenecks or single points of failure', () => {
  test('the reference platform satisfies every DATA-4 rule and check, on all four customer-data buckets', () => {
    expect(referenceFailures('DATA-4')).toEqual([]);
    const results = referenceRuleResults(checksOf('DATA-4').rules);
    expect(results.filter((r) => r.status === 'pass')).toHaveLength(4);
  });

  test('the evidence marks DATA-4 proven', () => {
    expect(referenceClaimStatus('DATA-4').status).toBe('proven');
  });

  test('leaves buckets that hold no customer data to their own checks', () => {
    const stack = scratchStack();
    new s3.CfnBucket(stack, 'Logs', { bucketName: 'x-logs' });
    expect(judge(customerDataBucketHardened, stack)).toEqual([]);
  });

  test('fails when an upload bucket is unversioned, public, ACL-owned, without lifecycle or access log', () => {
    const stack = scratchStack();
    asCustomerData(new s3.CfnBucket(stack, 'Uploads', { bucketName: 'x-uploads-123456789012-eu-west-1' }));
    expect(judge(customerDataBucketHardened, stack)).toEqual([
      [
        'NotVersioned',
        'PublicAccessNotFullyBlocked',
        'OwnershipNotEnforced',
        'NoNoncurrentVersionLifecycle',
        'NoIncompleteUploadLifecycle',
        'NoServerAccessLog',
      ],
    ]);
  });

  test('an EncryptedUploadBucket-like L2 bucket with every setting is compliant', () => {
    const stack = scratchStack();
    const logs = new s3.Bucket(stack, 'Logs', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
    asCustomerData(
      new s3.Bucket(stack, 'Uploads', {
        bucketName: 'x-uploads-123456789012-eu-west-1',
        versioned: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        serverAccessLogsBucket: logs,
        lifecycleRules: [
          { noncurrentVersionExpiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(7) },
        ],
      }),
    );
    expect(judge(customerDataBucketHardened, stack)).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when the VPC has no S3 gateway endpoint', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [eid, e] of ofType(t.Resources, 'AWS::EC2::VPCEndpoint'))
        if ((e.Properties.VpcEndpointType ?? 'Gateway') === 'Gateway') delete t.Resources[eid];
    });
    expect(failuresOf(uploadsReachedPrivately, weak)).toEqual([
      expect.stringMatching(/no S3 gateway endpoint; uploads would leave through NAT/),
    ]);
  });
});
