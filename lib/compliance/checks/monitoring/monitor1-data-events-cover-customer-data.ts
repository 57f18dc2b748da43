import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import {
  asArray,
  flatten,
  platformEnvironments,
  PlatformEnvironment,
  prop,
  resourcesIn,
} from '../../template/template-values';
import { bucketName, isCustomerDataBucket } from '../customer-data';

/**
 * MONITOR-1: every bucket declared to hold customer data (upload and dump buckets and their replicas, by
 * their data-classification tag) has its object reads and writes recorded by a CloudTrail trail.
 */
export const dataEventsCoverCustomerData: Check = {
  id: 'MONITOR1-DataEventsCoverCustomerData',
  claims: ['MONITOR-1'],
  description: 'every customer-data bucket has its object reads and writes recorded as CloudTrail S3 data events',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const environments = platformEnvironments(assembly);
    if (environments.length === 0) return [fail('no platform stack (PocketCity::Platform metadata) in the assembly')];
    return environments.flatMap(judgeEnvironment);
  },
};

function judgeEnvironment(env: PlatformEnvironment): CheckResult[] {
  const buckets = customerDataBuckets(env);
  const trails = resourcesIn(env.stacks, 'AWS::CloudTrail::Trail');
  if (trails.length === 0) return [fail(`environment ${env.name}: no CloudTrail trail records data events`)];
  if (buckets.size === 0)
    return [fail(`environment ${env.name}: no bucket is declared as holding customer data, so none is covered`)];
  return [...buckets].sort().map((bucket) => {
    const trail = trails.find((t) => recordsAllObjectEvents(t, bucket));
    return trail
      ? pass(`bucket ${bucket}: reads and writes of every object recorded by trail ${trail.logicalId}`, toRef(trail))
      : fail(
          `bucket ${bucket}: no trail records its object reads and writes (ReadWriteType All, whole bucket)`,
          toRef(trails[0]),
        );
  });
}

/** Names of the buckets the environment declares as holding customer data (a name it cannot work out fails). */
function customerDataBuckets(env: PlatformEnvironment): Set<string> {
  return new Set(
    resourcesIn(env.stacks, 'AWS::S3::Bucket')
      .filter(isCustomerDataBucket)
      .map((bucket) => bucketName(bucket) ?? `${bucket.stackName}/${bucket.logicalId} (generated name)`),
  );
}

interface EventSelector {
  readonly ReadWriteType?: string;
  readonly DataResources?: { Type?: string; Values?: unknown[] }[];
}

function recordsAllObjectEvents(trail: LocatedResource, bucket: string): boolean {
  return asArray<EventSelector>(prop(trail, 'EventSelectors')).some((selector) => {
    if (selector.ReadWriteType !== undefined && selector.ReadWriteType !== 'All') return false;
    return asArray<{ Type?: string; Values?: unknown[] }>(selector.DataResources).some(
      (resource) =>
        resource.Type === 'AWS::S3::Object' &&
        asArray(resource.Values).some((v) => {
          const arn = flatten(v, trail.stack);
          if (!arn) return false;
          // A selector for the whole bucket ("arn:aws:s3:::name/") or for every bucket ("arn:aws:s3").
          return /^arn:[a-z-]+:s3(:::)?$/.test(arn) || new RegExp(`^arn:[a-z-]+:s3:::${escape(bucket)}/?$`).test(arn);
        }),
    );
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
