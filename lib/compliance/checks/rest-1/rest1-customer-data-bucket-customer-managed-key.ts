import type { BucketProps } from '../../template/cfn/s3';
import { modelResourceCheck } from '../check';
import { asArray, holdsCustomerData, rotatedKey } from '../private/cfn';

type SseRule = NonNullable<NonNullable<BucketProps['BucketEncryption']>['ServerSideEncryptionConfiguration']>[number];

/**
 * REST-1: every customer-data bucket, in either region, encrypts by default with SSE-KMS under a customer managed
 * key of its own region that rotates yearly, with a bucket key.
 */
export const customerDataBucketCmk = modelResourceCheck<BucketProps>({
  id: 'REST1-CustomerDataBucketCustomerManagedKey',
  claims: ['REST-1'],
  failure:
    'A customer-data bucket is not encrypted by default with a rotated customer managed KMS key of its own region.',
  description:
    'REST-1: uploads are encrypted at rest under a key the platform controls (key policy, rotation, CloudTrail record of every use); the replica has its own key in the second region.',
  evidenceProperties: ['BucketName', 'BucketEncryption'],
  types: ['AWS::S3::Bucket'],
  appliesTo: (node) => holdsCustomerData(node),
  judge: (node, model) => {
    const rule = asArray<SseRule>(node.props.BucketEncryption?.ServerSideEncryptionConfiguration)[0];
    const sse = rule?.ServerSideEncryptionByDefault;
    if (!sse || !(model.text(node, sse.SSEAlgorithm) ?? '').startsWith('aws:kms')) return ['NotSseKms'];
    const findings: string[] = [];
    const key = rotatedKey(model, node, sse.KMSMasterKeyID);
    if (key === 'not a key of its region') findings.push('KeyNotCustomerManagedInThisRegion');
    if (key === 'not rotated') findings.push('KeyRotationOff');
    if (rule.BucketKeyEnabled !== true) findings.push('NoBucketKey');
    return findings.length ? findings : true;
  },
});
