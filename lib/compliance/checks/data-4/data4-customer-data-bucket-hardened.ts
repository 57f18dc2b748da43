import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { asArray, isCustomerDataBucket, props } from '../private/cfn';

/**
 * DATA-4: every customer-data bucket (uploads, dumps and their replicas) is versioned, blocks all public access,
 * enforces bucket ownership (no ACLs), expires noncurrent versions and aborts incomplete uploads, and logs access.
 */
export const customerDataBucketHardened = resourceCheck({
  id: 'DATA4-CustomerDataBucketHardened',
  claims: ['DATA-4'],
  failure:
    'A customer-data bucket is unversioned, not fully private, allows ACLs, lacks lifecycle for noncurrent versions or incomplete uploads, or has no access log.',
  description:
    'DATA-4: versioning undoes overwrites and deletes, private access and owner enforcement remove the usual leak paths, and lifecycle keeps the bucket from silting up with stale versions.',
  evidenceProperties: [
    'VersioningConfiguration',
    'PublicAccessBlockConfiguration',
    'OwnershipControls',
    'LifecycleConfiguration',
    'LoggingConfiguration',
  ],
  appliesTo: ofTypes('AWS::S3::Bucket'),
  judge: (node) => {
    if (!isCustomerDataBucket(node)) return NOT_APPLICABLE;
    const p = props(node);
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
    return findings.length ? findings : true;
  },
});
