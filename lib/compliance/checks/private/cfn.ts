import { DAILY_CRON } from '../../../core/requirements/data';
import type { BackupPlanProps, BackupPlanRule } from '../../template/cfn/backup';
import type { KeyProps } from '../../template/cfn/kms';
import type { BucketProps } from '../../template/cfn/s3';
import type { LocatedResource } from '../../template/platform-assembly';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { holdsCustomerData, holdsReplica } from '../customer-data';

/** What the data and encryption checks share, read through the typed model only. */

export { asArray, DAILY_CRON };
export { bucketNameOf, classificationOf, holdsCustomerData, holdsReplica } from '../customer-data';

/** Customer-data buckets (uploads and dumps) of the model, not their replicas. */
export function primaryCustomerDataBuckets(model: StageModel): ModelResource<BucketProps>[] {
  return model.ofType<BucketProps>('AWS::S3::Bucket').filter((b) => holdsCustomerData(b) && !holdsReplica(b));
}

/**
 * Whether `value` (a reference from `from`'s template, or an output of another stack) points at a customer managed
 * key of `from`'s region, and whether that key rotates. A key of another region cannot encrypt the resource.
 */
export function rotatedKey(
  model: StageModel,
  from: LocatedResource,
  value: unknown,
): 'rotated' | 'not rotated' | 'not a key of its region' {
  const key = model.resolve<KeyProps>(from, value);
  if (key?.type !== 'AWS::KMS::Key' || key.region !== from.region) return 'not a key of its region';
  return key.props.EnableKeyRotation === true ? 'rotated' : 'not rotated';
}

/** The rules of a backup plan that run every day. */
export function dailyRules(model: StageModel, plan: ModelResource<BackupPlanProps>): BackupPlanRule[] {
  return asArray<BackupPlanRule>(plan.props.BackupPlan?.BackupPlanRule).filter((r) =>
    DAILY_CRON.test(model.text(plan, r.ScheduleExpression) ?? ''),
  );
}

/** Region field of an ARN (`arn:partition:service:region:account:...`). */
export function arnRegion(arn: string | undefined): string | undefined {
  return arn?.split(':')[3];
}

/** A member of a free-form template value (an event pattern, a principal), or undefined. */
export function member(value: unknown, key: string): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.entries(value).find(([k]) => k === key)?.[1];
}
