import { CfnResource, Stack } from 'aws-cdk-lib';
import { referencedLogicalId } from '../../../assembly/platform-assembly';

/** Bucket names that hold customer data: the upload and dump buckets and their replicas (see `physicalNames`). */
export const CUSTOMER_DATA_BUCKET_NAME = /-(uploads|dumps)(-replica)?-/;
export const REPLICA_BUCKET_NAME = /-(uploads|dumps)-replica-/;

/** A resource's properties as CloudFormation will see them (PascalCase, tokens resolved to intrinsics). */
export function cfnProperties(node: CfnResource): Record<string, unknown> {
  const rendered = Stack.of(node).resolve(
    (
      node as unknown as {
        _toCloudFormation(): { Resources: Record<string, { Properties?: Record<string, unknown> }> };
      }
    )._toCloudFormation(),
  ) as { Resources: Record<string, { Properties?: Record<string, unknown> }> };
  return Object.values(rendered.Resources)[0]?.Properties ?? {};
}

export function logicalIdOf(node: CfnResource): string {
  return Stack.of(node).resolve(node.logicalId) as string;
}

/** Every CloudFormation resource of `type` in the stack of `node`. */
export function resourcesOfType(node: CfnResource, type: string): CfnResource[] {
  return Stack.of(node)
    .node.findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === type);
}

/** The resource of the stack of `node` that `value` (a Ref or GetAtt) points at. */
export function referencedResource(node: CfnResource, value: unknown, type: string): CfnResource | undefined {
  const id = referencedLogicalId(value);
  return id ? resourcesOfType(node, type).find((r) => logicalIdOf(r) === id) : undefined;
}

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

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
