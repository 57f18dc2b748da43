import type { BucketProps, PublicAccessBlockConfiguration } from '../../template/cfn/s3';
import { modelResourceCheck } from '../check';
import { asArray, holdsCustomerData } from '../private/cfn';

const BLOCKS: readonly (keyof PublicAccessBlockConfiguration)[] = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
];

/**
 * DATA-4: every customer-data bucket (uploads, dumps and their replicas) is versioned, blocks all public access,
 * enforces bucket ownership (no ACLs), expires noncurrent versions and aborts incomplete uploads, and logs access.
 */
export const customerDataBucketHardened = modelResourceCheck<BucketProps>({
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
  types: ['AWS::S3::Bucket'],
  appliesTo: (node) => holdsCustomerData(node),
  judge: (node) => {
    const p = node.props;
    const findings: string[] = [];
    if (p.VersioningConfiguration?.Status !== 'Enabled') findings.push('NotVersioned');
    if (!BLOCKS.every((k) => p.PublicAccessBlockConfiguration?.[k] === true))
      findings.push('PublicAccessNotFullyBlocked');
    if (!asArray(p.OwnershipControls?.Rules).some((r) => r.ObjectOwnership === 'BucketOwnerEnforced'))
      findings.push('OwnershipNotEnforced');
    const rules = asArray(p.LifecycleConfiguration?.Rules).filter((r) => r.Status !== 'Disabled');
    if (!rules.some((r) => r.NoncurrentVersionExpiration || r.NoncurrentVersionExpirationInDays))
      findings.push('NoNoncurrentVersionLifecycle');
    if (!rules.some((r) => r.AbortIncompleteMultipartUpload)) findings.push('NoIncompleteUploadLifecycle');
    if (!p.LoggingConfiguration) findings.push('NoServerAccessLog');
    return findings.length ? findings : true;
  },
});
