import { Check, CheckResult, fail, pass, perEnvironment } from '../check';
import { PlatformAssembly, toRef } from '../../template/platform-assembly';
import { PlatformEnvironment, resourcesIn } from '../../template/template-values';
import { bucketName, isCustomerDataBucket } from '../customer-data';
import { recordsObjectEvents } from '../trail-coverage';

/**
 * MONITOR-1: every bucket declared to hold customer data (upload and dump buckets and their replicas, by
 * their data-classification tag) has its object reads and writes recorded by a CloudTrail trail.
 */
export const dataEventsCoverCustomerData: Check = {
  id: 'MONITOR1-DataEventsCoverCustomerData',
  claims: ['MONITOR-1'],
  description: 'every customer-data bucket has its object reads and writes recorded as CloudTrail S3 data events',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    return perEnvironment(assembly, judgeEnvironment);
  },
};

function judgeEnvironment(env: PlatformEnvironment): CheckResult[] {
  const buckets = resourcesIn(env.stacks, 'AWS::S3::Bucket').filter(isCustomerDataBucket);
  const trails = resourcesIn(env.stacks, 'AWS::CloudTrail::Trail');
  if (trails.length === 0) return [fail(`environment ${env.name}: no CloudTrail trail records data events`)];
  if (buckets.length === 0)
    return [fail(`environment ${env.name}: no bucket is declared as holding customer data, so none is covered`)];
  return buckets
    .map((bucket) => ({
      bucket,
      name: bucketName(bucket) ?? `${bucket.stackName}/${bucket.logicalId} (generated name)`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ bucket, name }) => {
      const trail = trails.find((t) => recordsObjectEvents(t, bucket, 'All'));
      return trail
        ? pass(`bucket ${name}: reads and writes of every object recorded by trail ${trail.logicalId}`, toRef(trail))
        : fail(
            `bucket ${name}: no trail records its object reads and writes (ReadWriteType All, whole bucket)`,
            toRef(trails[0]),
          );
    });
}
