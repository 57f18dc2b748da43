import { CfnResource } from 'aws-cdk-lib';
import { CUSTOMER_DATA_BUCKET_NAME } from '../../../customer-data-buckets';
import { cfnProperties, referencedResource } from '../../cfn-resource-values';

// The shared readers, plus what only the data rules need.
export * from '../../cfn-resource-values';
export { asArray } from '../../../assembly/template-values';
export { CUSTOMER_DATA_BUCKET_NAME, REPLICA_BUCKET_NAME } from '../../../customer-data-buckets';

/** A literal bucket name, or undefined when it is generated. */
export function bucketName(node: CfnResource): string | undefined {
  const name = cfnProperties(node).BucketName;
  if (typeof name === 'string') return name;
  const join = (name as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  return join ? join[1].map((p) => (typeof p === 'string' ? p : '?')).join(join[0]) : undefined;
}

export function isCustomerDataBucket(node: CfnResource): boolean {
  return node.cfnResourceType === 'AWS::S3::Bucket' && CUSTOMER_DATA_BUCKET_NAME.test(bucketName(node) ?? '');
}

/** The customer managed key `value` refers to, when it is a key of this stack with rotation on. */
export function rotatedKey(node: CfnResource, value: unknown): 'rotated' | 'not rotated' | 'not a key of this stack' {
  const key = referencedResource(node, value, 'AWS::KMS::Key');
  if (!key) return 'not a key of this stack';
  return cfnProperties(key).EnableKeyRotation === true ? 'rotated' : 'not rotated';
}
