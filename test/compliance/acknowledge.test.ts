import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgeFinding, parseAcknowledgmentReason } from '../../lib/compliance/acknowledge';

describe('acknowledgeFinding', () => {
  test('records the pack-prefixed id and puts the claim in the reason', () => {
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
    expect(parseAcknowledgmentReason(data[id])).toEqual({
      claim: 'DATA-3',
      text: 'This log bucket holds access logs only; customer data replicates through the upload bucket.',
    });
  });

  test('fails when the reason is too thin for an auditor', () => {
    const bucket = new s3.Bucket(new Stack(new App(), 'S'), 'B');
    expect(() =>
      acknowledgeFinding(bucket, { rule: 'AwsSolutions-S1', claim: 'DATA-4', reason: 'not needed' }),
    ).toThrow(/Acknowledgment of AwsSolutions-S1 on S\/B has reason 'not needed', shorter than 40 characters/);
  });

  test('leaves a reason without a claim as plain text', () => {
    expect(parseAcknowledgmentReason('plain')).toEqual({ text: 'plain' });
  });
});
