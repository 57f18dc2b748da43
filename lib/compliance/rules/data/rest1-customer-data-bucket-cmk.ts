import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { asArray, cfnProperties, isCustomerDataBucket, rotatedKey } from './private/cfn';

interface SseRule {
  BucketKeyEnabled?: boolean;
  ServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: unknown };
}

/**
 * REST-1: every customer-data bucket, in either region, encrypts by default with SSE-KMS under a customer managed
 * key of its own stack (so of its own region) that rotates yearly, with a bucket key.
 */
export const customerDataBucketCmk: ClaimRule = {
  id: 'REST1-CustomerDataBucketCustomerManagedKey',
  claims: ['REST-1'],
  info: 'A customer-data bucket is not encrypted by default with a rotated customer managed KMS key of its own region.',
  explanation:
    'REST-1: uploads are encrypted at rest under a key the platform controls (key policy, rotation, CloudTrail record of every use); the replica has its own key in the second region.',
  evidenceProperties: ['BucketName', 'BucketEncryption'],
  check: (node: CfnResource): NagRuleResult => {
    if (!isCustomerDataBucket(node)) return NagRuleCompliance.NOT_APPLICABLE;
    const rules = asArray(
      (cfnProperties(node).BucketEncryption as { ServerSideEncryptionConfiguration?: SseRule[] } | undefined)
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
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
