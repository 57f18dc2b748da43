import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ClaimsChecks } from '../../lib/compliance/packs/claims-checks';
import { bucketPolicyDeniesWeakTls } from '../../lib/compliance/rules/network';
import { cfnProperties, judgingOnce, resourcesOfType } from '../../lib/compliance/rules/cfn-resource-values';
import { scratchStack } from '../support/claims-support';

/** The claims readers remember what they render during one judging, and only then. */
describe('judgingOnce', () => {
  const bucketIn = (stack: Stack) => new s3.CfnBucket(stack, 'Bucket', { bucketName: 'plain' });

  test('renders each resource once while judging, and afresh outside', () => {
    const bucket = bucketIn(scratchStack());
    const resolve = jest.spyOn(Stack.prototype, 'resolve');
    const rendersOf = (read: () => void) => {
      resolve.mockClear();
      read();
      return resolve.mock.calls.length;
    };
    const once = rendersOf(() => cfnProperties(bucket));
    expect(once).toBeGreaterThan(0);
    expect(rendersOf(() => cfnProperties(bucket) !== cfnProperties(bucket))).toBe(2 * once);
    judgingOnce(() => {
      expect(rendersOf(() => expect(cfnProperties(bucket)).toBe(cfnProperties(bucket)))).toBe(once);
    });
    resolve.mockRestore();
  });

  test('a change made after a judging is seen by the next one', () => {
    const stack = scratchStack();
    const bucket = bucketIn(stack);
    judgingOnce(() => {
      expect(cfnProperties(bucket).BucketName).toBe('plain');
      expect(resourcesOfType(bucket, 'AWS::S3::BucketPolicy')).toHaveLength(0);
    });
    bucket.bucketName = 'renamed';
    new s3.CfnBucketPolicy(stack, 'Policy', { bucket: bucket.ref, policyDocument: {} });
    judgingOnce(() => {
      expect(cfnProperties(bucket).BucketName).toBe('renamed');
      expect(resourcesOfType(bucket, 'AWS::S3::BucketPolicy')).toHaveLength(1);
    });
  });

  test('a judging that throws leaves nothing remembered', () => {
    const bucket = bucketIn(scratchStack());
    expect(() =>
      judgingOnce(() => {
        cfnProperties(bucket);
        throw new Error('rule failed');
      }),
    ).toThrow('rule failed');
    bucket.bucketName = 'renamed';
    expect(cfnProperties(bucket).BucketName).toBe('renamed');
  });

  test('the claims pack judges a tree changed between two runs by what it is now', () => {
    const stack = scratchStack();
    const bucket = new s3.Bucket(stack, 'Uploads', { enforceSSL: false });
    const pack = new ClaimsChecks(stack, {}, [bucketPolicyDeniesWeakTls]);
    const failing = (report: ReturnType<ClaimsChecks['validateScope']>) => report.violations.map((v) => v.ruleName);
    expect(failing(pack.validateScope(stack))).toEqual([
      'Claims-TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyWithoutTls]',
      'Claims-TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyBelowTls12]',
    ]);
    // Adds the bucket's first policy, which a list of the stack's policies remembered from the first run would miss.
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(failing(pack.validateScope(stack))).toEqual(['Claims-TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyBelowTls12]']);
  });
});
