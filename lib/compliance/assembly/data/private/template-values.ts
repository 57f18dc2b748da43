import type { LocatedResource, PlatformAssembly, StackTemplate } from '../../platform-assembly';
import { referencedLogicalId } from '../../platform-assembly';

const PLATFORM_METADATA_KEY = 'PocketCity::Platform';

/** Bucket names that hold customer data: the upload and dump buckets and their replicas (see `physicalNames`). */
export const CUSTOMER_DATA_BUCKET_NAME = /-(uploads|dumps)(-replica)?-/;
export const REPLICA_BUCKET_NAME = /-(uploads|dumps)-replica-/;
/** `cron(min hour * * ? *)`: one run a day, every day. */
export const DAILY_CRON = /^cron\(\s*\d{1,2}\s+\d{1,2}\s+\*\s+\*\s+\?\s+\*\s*\)$/;

function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A template value as a plain string where the template alone determines it (literals, joins, pseudo parameters). */
export function flatten(value: unknown, stack: StackTemplate): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') {
    return {
      'AWS::Partition': partitionOf(stack.region),
      'AWS::Region': stack.region,
      'AWS::AccountId': stack.account,
    }[v.Ref];
  }
  const join = v['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = (join[1] as unknown[]).map((p) => flatten(p, stack));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

/** True when `value` is, or contains, a Ref or GetAtt of `logicalId`. */
export function refersTo(value: unknown, logicalId: string): boolean {
  if (referencedLogicalId(value) === logicalId) return true;
  if (Array.isArray(value)) return value.some((v) => refersTo(v, logicalId));
  if (value && typeof value === 'object') return Object.values(value).some((v) => refersTo(v, logicalId));
  return false;
}

export function asArray<T = unknown>(x: unknown): T[] {
  if (x === undefined || x === null) return [];
  return (Array.isArray(x) ? x : [x]) as T[];
}

export function prop(r: LocatedResource, name: string): unknown {
  return r.resource.Properties?.[name];
}

/** One platform environment of an assembly: its stacks and the regions recorded in their metadata. */
export interface PlatformEnvironment {
  readonly name: string;
  readonly stacks: readonly StackTemplate[];
  readonly primaryRegion?: string;
  readonly recoveryRegion?: string;
}

export function platformEnvironments(assembly: PlatformAssembly): PlatformEnvironment[] {
  const groups = new Map<string, StackTemplate[]>();
  for (const stack of assembly.stacks) {
    const meta = stack.template.Metadata?.[PLATFORM_METADATA_KEY] as Record<string, unknown> | undefined;
    if (!meta || typeof meta.environment !== 'string') continue;
    groups.set(meta.environment, [...(groups.get(meta.environment) ?? []), stack]);
  }
  return [...groups.entries()].map(([name, stacks]) => {
    const meta = stacks[0].template.Metadata?.[PLATFORM_METADATA_KEY] as Record<string, unknown>;
    return {
      name,
      stacks,
      primaryRegion: meta.primaryRegion as string | undefined,
      recoveryRegion: meta.recoveryRegion as string | undefined,
    };
  });
}

export function resourcesIn(stacks: readonly StackTemplate[], ...types: string[]): LocatedResource[] {
  return stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources ?? {})
      .filter(([, r]) => types.includes(r.Type))
      .map(([logicalId, resource]) => ({
        stack,
        stackName: stack.stackName,
        region: stack.region,
        logicalId,
        type: resource.Type,
        resource,
      })),
  );
}

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
