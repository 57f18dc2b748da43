import type { LocatedResource, StackTemplate } from '../../platform-assembly';
import { CUSTOMER_DATA_BUCKET_NAME, REPLICA_BUCKET_NAME } from '../../../customer-data-buckets';
import { flatten, PlatformEnvironment, prop, resourcesIn } from '../../template-values';

// The generic readers are shared by every area; this file adds what only the data checks need.
export * from '../../template-values';

export { CUSTOMER_DATA_BUCKET_NAME, REPLICA_BUCKET_NAME } from '../../../customer-data-buckets';
/** `cron(min hour * * ? *)`: one run a day, every day. */
export const DAILY_CRON = /^cron\(\s*\d{1,2}\s+\d{1,2}\s+\*\s+\*\s+\?\s+\*\s*\)$/;

/** The literal name of a bucket, or undefined when generated. */
export function bucketNameOf(bucket: LocatedResource): string | undefined {
  return flatten(prop(bucket, 'BucketName'), bucket.stack);
}

/** Upload and dump buckets (not their replicas) of an environment. */
export function primaryCustomerDataBuckets(env: PlatformEnvironment): LocatedResource[] {
  return resourcesIn(env.stacks, 'AWS::S3::Bucket').filter((b) => {
    const name = bucketNameOf(b) ?? '';
    return CUSTOMER_DATA_BUCKET_NAME.test(name) && !REPLICA_BUCKET_NAME.test(name);
  });
}

/** Region field of an ARN (`arn:partition:service:region:account:...`). */
export function arnRegion(arn: string | undefined): string | undefined {
  return arn?.split(':')[3];
}

/** Whether a KMS key of `stack`, found by logical id or alias name, has rotation on. */
export function keyRotated(stack: StackTemplate, keyLogicalId: string | undefined): boolean {
  const key = keyLogicalId ? stack.template.Resources?.[keyLogicalId] : undefined;
  return key?.Type === 'AWS::KMS::Key' && key.Properties?.EnableKeyRotation === true;
}
