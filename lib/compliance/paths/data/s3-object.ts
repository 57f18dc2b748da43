import type { HopRecord } from '../path-record';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { dataHop, daysText, numberOf, record, records } from './data-hop';

/** The object a data path follows: its key and the tags it is written with. */
export interface SampleObject {
  readonly key: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** A bucket's name where the template fixes it. */
export function bucketName(model: StageModel, bucket: ModelResource): string | undefined {
  return model.text(bucket, bucket.props.BucketName);
}

const tagsMatch = (filters: unknown, tags: Readonly<Record<string, string>>) =>
  records(filters).every((f) => typeof f.Key === 'string' && tags[f.Key] === f.Value);

/** Versioning: S3 keeps every version only while it is Enabled (replication and AWS Backup require it too). */
export function versioningHop(bucket: ModelResource, label: string): HopRecord {
  const status = record(bucket.props.VersioningConfiguration).Status;
  return dataHop(
    'bucket-versioning',
    status === 'Enabled',
    `${label} versioning is ${typeof status === 'string' ? status : 'off'}`,
    { resource: bucket, at: ['Properties'] },
    'VersioningConfiguration.Status',
  );
}

/** Whether an S3 lifecycle rule (CloudFormation's shape) applies to the object: `maybe` when a size filter decides. */
function lifecycleRuleApplies(rule: Record<string, unknown>, object: SampleObject): 'yes' | 'no' | 'maybe' {
  if (rule.Status !== 'Enabled') return 'no';
  const prefix = typeof rule.Prefix === 'string' ? rule.Prefix : '';
  if (!object.key.startsWith(prefix) || !tagsMatch(rule.TagFilters, object.tags)) return 'no';
  return rule.ObjectSizeGreaterThan !== undefined || rule.ObjectSizeLessThan !== undefined ? 'maybe' : 'yes';
}

/**
 * How long the object stays the current version at its key: the earliest current-version expiration of an enabled
 * rule that may apply (https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html). On a
 * versioned bucket expiry adds a delete marker, so the object is no longer read at its key even when a version or an
 * Object Lock keeps the bytes.
 */
export function currentVersionHop(
  bucket: ModelResource,
  label: string,
  object: SampleObject,
  minimumDays: number,
): HopRecord {
  const lifecycle = record(bucket.props.LifecycleConfiguration);
  const rules = records(lifecycle.Rules);
  const expiries = rules
    .filter((r) => lifecycleRuleApplies(r, object) !== 'no')
    .map((r) => (r.ExpirationDate !== undefined ? 0 : numberOf(r.ExpirationInDays)))
    .filter((d): d is number => d !== undefined);
  const days = expiries.length ? Math.min(...expiries) : undefined;
  const noncurrent = noncurrentExpiry(rules, object);
  return dataHop(
    'lifecycle-current-version',
    days === undefined || days >= minimumDays,
    `${label}: ${object.key} stays the current version ${daysText(days)} (minimum ${minimumDays}); its noncurrent versions are kept ${daysText(noncurrent?.days)}`,
    { resource: bucket, at: ['Properties', 'LifecycleConfiguration'], facts: { minimumDays, count: rules.length } },
    'LifecycleConfiguration.Rules[].ExpirationInDays',
  );
}

function noncurrentExpiry(
  rules: readonly Record<string, unknown>[],
  object: SampleObject,
): { days: number; index: number; rule: Record<string, unknown> } | undefined {
  let found: { days: number; index: number; rule: Record<string, unknown> } | undefined;
  rules.forEach((rule, index) => {
    if (lifecycleRuleApplies(rule, object) !== 'yes') return;
    const days =
      numberOf(record(rule.NoncurrentVersionExpiration).NoncurrentDays) ??
      numberOf(rule.NoncurrentVersionExpirationInDays);
    if (days !== undefined && (!found || days < found.days)) found = { days, index, rule };
  });
  return found;
}

/** DATA-4: overwritten and deleted versions expire by lifecycle, after at least the minimum. */
export function noncurrentVersionsHop(
  bucket: ModelResource,
  label: string,
  object: SampleObject,
  minimumDays: number,
): HopRecord {
  const rules = records(record(bucket.props.LifecycleConfiguration).Rules);
  const found = noncurrentExpiry(rules, object);
  return dataHop(
    'lifecycle-noncurrent-versions',
    found !== undefined && found.days >= minimumDays,
    found
      ? `${label}: noncurrent versions of ${object.key} expire after ${found.days} days (minimum ${minimumDays}) by rule ${String(found.rule.Id ?? found.index)}`
      : `${label}: no enabled lifecycle rule expires noncurrent versions of ${object.key}`,
    found
      ? {
          resource: bucket,
          at: ['Properties', 'LifecycleConfiguration', 'Rules', found.index],
          facts: { minimumDays, object: found.rule },
        }
      : { resource: bucket, at: ['Properties', 'LifecycleConfiguration'] },
    'LifecycleConfiguration.Rules[].NoncurrentVersionExpiration',
  );
}

/** Whether the bucket has Object Lock enabled (S3 can enable it on an existing versioned bucket; it cannot be turned off). */
export function objectLockEnabled(bucket: ModelResource): boolean {
  return bucket.props.ObjectLockEnabled === true || bucket.props.ObjectLockEnabled === 'true';
}

/** Days the bucket's default Object Lock retention holds each new version (years count 365 days). */
export function defaultLockDays(bucket: ModelResource): { days?: number; mode?: string } {
  const retention = record(record(record(bucket.props.ObjectLockConfiguration).Rule).DefaultRetention);
  const days =
    numberOf(retention.Days) ??
    (numberOf(retention.Years) !== undefined ? numberOf(retention.Years)! * 365 : undefined);
  return { days, mode: typeof retention.Mode === 'string' ? retention.Mode : undefined };
}

/** Object Lock holds every new version for at least the minimum (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html). */
export function objectLockHop(bucket: ModelResource, label: string, minimumDays: number): HopRecord {
  const enabled =
    objectLockEnabled(bucket) && record(bucket.props.ObjectLockConfiguration).ObjectLockEnabled === 'Enabled';
  const { days, mode } = defaultLockDays(bucket);
  const ok = enabled && days !== undefined && days >= minimumDays && (mode === 'GOVERNANCE' || mode === 'COMPLIANCE');
  return dataHop(
    'object-lock-retention',
    ok,
    enabled
      ? `${label}: Object Lock holds each new version ${days === undefined ? 'not at all (no default retention)' : `${days} days in ${mode ?? 'no'} mode`} (minimum ${minimumDays})`
      : `${label}: Object Lock is not enabled`,
    { resource: bucket, at: ['Properties'], facts: { minimumDays } },
    'ObjectLockConfiguration.Rule.DefaultRetention',
  );
}
