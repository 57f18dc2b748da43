import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { asArray, cfnProperties, isCustomerDataBucket } from './private/cfn';

/**
 * DATA-4: every customer-data bucket (uploads, dumps and their replicas) is versioned, blocks all public access,
 * enforces bucket ownership (no ACLs), expires noncurrent versions and aborts incomplete uploads, and logs access.
 */
export const customerDataBucketHardened: ClaimRule = {
  id: 'DATA4-CustomerDataBucketHardened',
  claims: ['DATA-4'],
  info: 'A customer-data bucket is unversioned, not fully private, allows ACLs, lacks lifecycle for noncurrent versions or incomplete uploads, or has no access log.',
  explanation:
    'DATA-4: versioning undoes overwrites and deletes, private access and owner enforcement remove the usual leak paths, and lifecycle keeps the bucket from silting up with stale versions.',
  evidenceProperties: [
    'VersioningConfiguration',
    'PublicAccessBlockConfiguration',
    'OwnershipControls',
    'LifecycleConfiguration',
    'LoggingConfiguration',
  ],
  check: (node: CfnResource): NagRuleResult => {
    if (!isCustomerDataBucket(node)) return NagRuleCompliance.NOT_APPLICABLE;
    const p = cfnProperties(node);
    const findings: string[] = [];
    if ((p.VersioningConfiguration as { Status?: string } | undefined)?.Status !== 'Enabled')
      findings.push('NotVersioned');
    const pab = (p.PublicAccessBlockConfiguration ?? {}) as Record<string, unknown>;
    if (
      !['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'].every(
        (k) => pab[k] === true,
      )
    ) {
      findings.push('PublicAccessNotFullyBlocked');
    }
    const ownership = asArray((p.OwnershipControls as { Rules?: { ObjectOwnership?: string }[] } | undefined)?.Rules);
    if (!ownership.some((r) => r.ObjectOwnership === 'BucketOwnerEnforced')) findings.push('OwnershipNotEnforced');
    const rules = asArray(
      (p.LifecycleConfiguration as { Rules?: Record<string, unknown>[] } | undefined)?.Rules,
    ).filter((r) => r.Status !== 'Disabled');
    if (!rules.some((r) => r.NoncurrentVersionExpiration || r.NoncurrentVersionExpirationInDays))
      findings.push('NoNoncurrentVersionLifecycle');
    if (!rules.some((r) => r.AbortIncompleteMultipartUpload)) findings.push('NoIncompleteUploadLifecycle');
    if (!p.LoggingConfiguration) findings.push('NoServerAccessLog');
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
