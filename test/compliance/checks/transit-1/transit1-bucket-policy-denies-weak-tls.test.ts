import { bucketPolicyDeniesWeakTls as check } from '../../../../lib/compliance/checks/transit-1/transit1-bucket-policy-denies-weak-tls';
import { Change, edited, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const deny = (condition: Record<string, unknown>) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Condition: condition,
});
const buckets = {
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    Policy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: ref('Bucket'),
        PolicyDocument: {
          Statement: [
            deny({ Bool: { 'aws:SecureTransport': 'false' } }),
            deny({ NumericLessThan: { 's3:TlsVersion': '1.2' } }),
          ],
        },
      },
    },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(buckets, change) }));
const statements = (r: Parameters<Change>[0]) => r.Policy.Properties.PolicyDocument.Statement;

describe('TRANSIT1-BucketPolicyDeniesWeakTls', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': buckets }))).toEqual(['Bucket: compliant']);
  });

  test('Noncompliance 1: plain HTTP not denied (or only allowed)', () => {
    expect(judged((r) => statements(r).shift())).toEqual(['Bucket: NoDenyWithoutTls']);
    expect(judged((r) => (statements(r)[0].Effect = 'Allow'))).toEqual(['Bucket: NoDenyWithoutTls']);
  });

  test('Noncompliance 2: TLS below 1.2 not denied (or only below 1.0)', () => {
    expect(judged((r) => statements(r).pop())).toEqual(['Bucket: NoDenyBelowTls12']);
    expect(judged((r) => (statements(r)[1].Condition.NumericLessThan['s3:TlsVersion'] = '1.0'))).toEqual([
      'Bucket: NoDenyBelowTls12',
    ]);
  });

  test('Noncompliance 3: no policy on the bucket', () => {
    expect(judged((r) => (r.Policy.Properties.Bucket = ref('Other')))).toEqual([
      'Bucket: NoDenyWithoutTls',
      'Bucket: NoDenyBelowTls12',
    ]);
  });
});
