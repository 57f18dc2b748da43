import type { TrailProps } from '../../template/cfn/cloudtrail';
import type { BucketProps } from '../../template/cfn/s3';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { modelResourceCheck } from '../check';

type Bucket = ModelResource<BucketProps>;

/**
 * MONITOR-1: the bucket every trail delivers into holds each trail file under S3 Object Lock (versioned, a default
 * retention in GOVERNANCE or COMPLIANCE mode), so the record is tamper-resistant, not only tamper-evident: a deleted
 * or overwritten file is refused, not merely detected by the digest chain. The lock ends no later than the lifecycle
 * expiry, since S3 never expires a locked version and a longer lock would keep files past the stated retention.
 */
export const trailBucketObjectLocked = modelResourceCheck<TrailProps>({
  id: 'MONITOR1-TrailBucketObjectLocked',
  claims: ['MONITOR-1'],
  failure: "The trail's bucket does not lock its files (S3 Object Lock with a default retention, versioning on).",
  description:
    "MONITOR-1: every trail delivers into a versioned bucket with S3 Object Lock and a default retention (GOVERNANCE or COMPLIANCE) no longer than the bucket's expiry, so no one can delete or overwrite a trail file before its retention ends",
  types: ['AWS::CloudTrail::Trail'],
  evidenceProperties: ['S3BucketName'],
  judge: (trail, model) => {
    const bucket = trailBucket(trail, model);
    // Fail closed: a bucket outside the assembly (or a name the model cannot read) cannot be shown locked.
    if (!bucket) return ['TrailBucketNotInAssembly'];
    const p = bucket.props;
    const findings: string[] = [];
    if (p.VersioningConfiguration?.Status !== 'Enabled') findings.push('TrailBucketNotVersioned');
    if (p.ObjectLockEnabled !== true || p.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled')
      findings.push('TrailBucketObjectLockNotEnabled');
    const days = defaultRetentionDays(p);
    if (days === undefined) findings.push('TrailBucketNoDefaultRetention');
    const expiry = expiryDays(p);
    if (days !== undefined && expiry !== undefined && days > expiry) findings.push('TrailBucketLockOutlivesExpiry');
    return findings.length ? findings : true;
  },
});

/** The bucket a trail delivers into: by reference, or by the literal name it gives. */
function trailBucket(trail: ModelResource<TrailProps>, model: StageModel): Bucket | undefined {
  const named = trail.props.S3BucketName;
  const byRef = model.resolve<BucketProps>(trail, named);
  if (byRef) return byRef.type === 'AWS::S3::Bucket' ? byRef : undefined;
  const name = model.text(trail, named);
  if (name === undefined) return undefined;
  return model.ofType<BucketProps>('AWS::S3::Bucket').find((b) => model.text(b, b.props.BucketName) === name);
}

/** Days of the default retention, when it has a mode S3 enforces and a positive period (years count 365 days). */
function defaultRetentionDays(p: BucketProps): number | undefined {
  const retention = p.ObjectLockConfiguration?.Rule?.DefaultRetention as
    { readonly Mode?: unknown; readonly Days?: unknown; readonly Years?: unknown } | undefined;
  if (retention?.Mode !== 'GOVERNANCE' && retention?.Mode !== 'COMPLIANCE') return undefined;
  const days = typeof retention.Days === 'number' ? retention.Days : undefined;
  const years = typeof retention.Years === 'number' ? retention.Years * 365 : undefined;
  const period = days ?? years;
  return period !== undefined && period > 0 ? period : undefined;
}

/** The shortest current-version expiry among the bucket's enabled lifecycle rules, if any. */
function expiryDays(p: BucketProps): number | undefined {
  const days = asArray(p.LifecycleConfiguration?.Rules)
    .filter((r) => r.Status === 'Enabled' && typeof r.ExpirationInDays === 'number')
    .map((r) => r.ExpirationInDays as number);
  return days.length ? Math.min(...days) : undefined;
}
