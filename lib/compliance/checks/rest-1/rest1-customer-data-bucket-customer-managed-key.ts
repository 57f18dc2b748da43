import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { asArray, isCustomerDataBucket, props, rotatedKey } from '../private/cfn';

interface SseRule {
  BucketKeyEnabled?: boolean;
  ServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: unknown };
}

/**
 * REST-1: every customer-data bucket, in either region, encrypts by default with SSE-KMS under a customer managed
 * key of its own stack (so of its own region) that rotates yearly, with a bucket key.
 */
export const customerDataBucketCmk = resourceCheck({
  id: 'REST1-CustomerDataBucketCustomerManagedKey',
  claims: ['REST-1'],
  failure:
    'A customer-data bucket is not encrypted by default with a rotated customer managed KMS key of its own region.',
  description:
    'REST-1: uploads are encrypted at rest under a key the platform controls (key policy, rotation, CloudTrail record of every use); the replica has its own key in the second region.',
  evidenceProperties: ['BucketName', 'BucketEncryption'],
  appliesTo: ofTypes('AWS::S3::Bucket'),
  judge: (node) => {
    if (!isCustomerDataBucket(node)) return NOT_APPLICABLE;
    const rules = asArray(
      (props(node).BucketEncryption as { ServerSideEncryptionConfiguration?: SseRule[] } | undefined)
        ?.ServerSideEncryptionConfiguration,
    );
    const rule = rules[0];
    const sse = rule?.ServerSideEncryptionByDefault;
    if (!sse || !String(sse.SSEAlgorithm).startsWith('aws:kms')) return ['NotSseKms'];
    const findings: string[] = [];
    const key = rotatedKey(node, sse.KMSMasterKeyID);
    if (key === 'not a key of this stack') findings.push('KeyNotCustomerManagedInThisRegion');
    if (key === 'not rotated') findings.push('KeyRotationOff');
    if (rule.BucketKeyEnabled !== true) findings.push('NoBucketKey');
    return findings.length ? findings : true;
  },
});
