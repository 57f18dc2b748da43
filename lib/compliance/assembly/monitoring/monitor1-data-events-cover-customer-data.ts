import type { ResolvedPlatformConfig } from '../../../config/resolve-config';
import { physicalNames } from '../../../config/physical-names';
import { AssemblyCheck, AssemblyCheckResult, fail, pass } from '../assembly-check';
import { LocatedResource, PlatformAssembly, toRef } from '../platform-assembly';
import { asArray, flatten, platformEnvironments, PlatformEnvironment, prop, resourcesIn } from '../template-values';
import { CUSTOMER_DATA_BUCKET_NAME } from '../../customer-data-buckets';

/** Bucket names that hold customer data: the upload and dump buckets and their replicas. */

/**
 * MONITOR-1: every customer-data bucket (upload and dump buckets and their replicas, by their deterministic names
 * and by any bucket so named in the assembly) has its object reads and writes recorded by a CloudTrail trail.
 */
export const dataEventsCoverCustomerData: AssemblyCheck = {
  id: 'MONITOR1-DataEventsCoverCustomerData',
  claims: ['MONITOR-1'],
  description: 'every customer-data bucket has its object reads and writes recorded as CloudTrail S3 data events',
  run: (assembly: PlatformAssembly): AssemblyCheckResult[] => {
    const environments = platformEnvironments(assembly);
    if (environments.length === 0) return [fail('no platform stack (PocketCity::Platform metadata) in the assembly')];
    return environments.flatMap(judgeEnvironment);
  },
};

function judgeEnvironment(env: PlatformEnvironment): AssemblyCheckResult[] {
  const buckets = customerDataBuckets(env);
  const trails = resourcesIn(env.stacks, 'AWS::CloudTrail::Trail');
  if (trails.length === 0) return [fail(`environment ${env.name}: no CloudTrail trail records data events`)];
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

function customerDataBuckets(env: PlatformEnvironment): Set<string> {
  const names = new Set<string>();
  if (env.account && env.primaryRegion && env.recoveryRegion) {
    const facts = {
      environmentName: env.name,
      account: env.account,
      primaryRegion: { region: env.primaryRegion },
      recoveryRegion: { region: env.recoveryRegion },
    } as unknown as ResolvedPlatformConfig;
    for (const name of [
      physicalNames.uploadBucket(facts),
      physicalNames.dumpBucket(facts),
      physicalNames.uploadReplicaBucket(facts),
      physicalNames.dumpReplicaBucket(facts),
    ]) {
      names.add(name);
    }
  }
  for (const bucket of resourcesIn(env.stacks, 'AWS::S3::Bucket')) {
    const name = flatten(prop(bucket, 'BucketName'), bucket.stack);
    if (name && CUSTOMER_DATA_BUCKET_NAME.test(name)) names.add(name);
  }
  return names;
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
