import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ACKNOWLEDGMENT_CLAIM_METADATA_KEY,
  acknowledgeFinding,
  acknowledgmentId,
  findingRule,
} from '../../lib/core/acknowledge';

describe('acknowledgeFinding', () => {
  test('records the pack-prefixed id with the reason as given, and the claim as its own entry', () => {
    // GIVEN
    const bucket = new s3.Bucket(new Stack(new App(), 'S'), 'B');
    // WHEN
    acknowledgeFinding(bucket, {
      rule: 'NIST.800.53.R5-S3BucketReplicationEnabled',
      claim: 'DATA-3',
      reason: 'This log bucket holds access logs only; customer data replicates through the upload bucket.',
    });
    // THEN
    const entry = bucket.node.metadata.find((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    const data = entry!.data as Record<string, string>;
    const [id] = Object.keys(data);
    expect(id).toMatch(/NIST\.800\.53\.R5::NIST\.800\.53\.R5-S3BucketReplicationEnabled$/);
    expect(data[id]).toBe(
      'This log bucket holds access logs only; customer data replicates through the upload bucket.',
    );
    const claims = bucket.node.metadata.find((m) => m.type === ACKNOWLEDGMENT_CLAIM_METADATA_KEY);
    expect(claims!.data).toEqual({ [id]: 'DATA-3' });
  });

  test('fails when the reason is too thin for an auditor', () => {
    const bucket = new s3.Bucket(new Stack(new App(), 'S'), 'B');
    expect(() =>
      acknowledgeFinding(bucket, { rule: 'AwsSolutions-S1', claim: 'DATA-4', reason: 'not needed' }),
    ).toThrow(
      /^\[acknowledgeFinding\.reason\] S\/B: reason \(of AwsSolutions-S1\) = "not needed": is shorter than 40 characters/,
    );
  });

  test.each([
    ['AwsSolutions-S1', 'AwsSolutions::AwsSolutions-S1'],
    // As CDK's report prints it after "Acknowledge with": pasted as is, never prefixed twice.
    ['AwsSolutions::AwsSolutions-S1', 'AwsSolutions::AwsSolutions-S1'],
    [
      'Claims::Claims-REST1-EveryDataStoreEncryptedAtRest[NotEncryptedAtRest]',
      'Claims::Claims-REST1-EveryDataStoreEncryptedAtRest[NotEncryptedAtRest]',
    ],
    ['AwsSolutions-IAM5[Resource::*]', 'AwsSolutions::AwsSolutions-IAM5[Resource::*]'],
    ['AwsSolutions::AwsSolutions-IAM5[Resource::*]', 'AwsSolutions::AwsSolutions-IAM5[Resource::*]'],
  ])('takes %s and records it as %s', (rule, id) => {
    expect(acknowledgmentId(rule)).toBe(id);
    expect(findingRule(id)).toBe(id.slice(id.indexOf('::') + 2));
    const bucket = new s3.Bucket(new Stack(new App(), 'S'), 'B');
    acknowledgeFinding(bucket, { rule, claim: 'REST-1', reason: 'Fixture: an acknowledgment pasted from the report.' });
    const entry = bucket.node.metadata.find((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(Object.keys(entry!.data as object)).toEqual([id]);
  });
});
