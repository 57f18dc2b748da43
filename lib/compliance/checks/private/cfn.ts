import type { LocatedResource, StackTemplate } from '../../template/platform-assembly';
import { PlatformEnvironment, resourcesIn } from '../../template/template-values';
import { isCustomerDataBucket, isReplicaBucket } from '../customer-data';
import { props, referenced } from '../resource-readers';

// The shared readers, plus what only the data checks need.
export * from '../resource-readers';
export * from '../customer-data';
export * from '../../template/template-values';

/** Whether `value` points at a customer managed key of the resource's own stack, and whether it rotates. */
export function rotatedKey(
  from: LocatedResource,
  value: unknown,
): 'rotated' | 'not rotated' | 'not a key of this stack' {
  const key = referenced(from, value, 'AWS::KMS::Key');
  if (!key) return 'not a key of this stack';
  return props(key).EnableKeyRotation === true ? 'rotated' : 'not rotated';
}

export { DAILY_CRON } from '../../../core/requirements/data';

/** Customer-data buckets (uploads and dumps) of an environment, not their replicas. */
export function primaryCustomerDataBuckets(env: PlatformEnvironment): LocatedResource[] {
  return resourcesIn(env.stacks, 'AWS::S3::Bucket').filter((b) => isCustomerDataBucket(b) && !isReplicaBucket(b));
}

/** Region field of an ARN (`arn:partition:service:region:account:...`). */
export function arnRegion(arn: string | undefined): string | undefined {
  return arn?.split(':')[3];
}

/** Whether a KMS key of `stack`, found by logical id, has rotation on. */
export function keyRotated(stack: StackTemplate, keyLogicalId: string | undefined): boolean {
  const key = keyLogicalId ? stack.template.Resources?.[keyLogicalId] : undefined;
  return key?.Type === 'AWS::KMS::Key' && key.Properties?.EnableKeyRotation === true;
}
