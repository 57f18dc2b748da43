import { Check, CheckResult, fail, pass, perStage } from '../check';
import type { TrailProps } from '../../template/cfn/cloudtrail';
import type { BucketProps } from '../../template/cfn/s3';
import type { PlatformAssembly } from '../../template/platform-assembly';
import type { StageModel } from '../../template/stage-model';
import { bucketNameOf, holdsCustomerData } from '../customer-data';
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
    return perStage(assembly, judgeStage);
  },
};

function judgeStage(model: StageModel): CheckResult[] {
  const buckets = model.ofType<BucketProps>('AWS::S3::Bucket').filter(holdsCustomerData);
  const trails = model.ofType<TrailProps>('AWS::CloudTrail::Trail');
  if (trails.length === 0) return [fail(`environment ${model.name}: no CloudTrail trail records data events`)];
  if (buckets.length === 0)
    return [fail(`environment ${model.name}: no bucket is declared as holding customer data, so none is covered`)];
  return buckets
    .map((bucket) => ({
      bucket,
      name: bucketNameOf(model, bucket) ?? `${bucket.stackName}/${bucket.logicalId} (generated name)`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ bucket, name }) => {
      const trail = trails.find((t) => recordsObjectEvents(model, t, bucket, 'All'));
      return trail
        ? pass(`bucket ${name}: reads and writes of every object recorded by trail ${trail.logicalId}`, trail.ref)
        : fail(
            `bucket ${name}: no trail records its object reads and writes (ReadWriteType All, whole bucket)`,
            trails[0].ref,
          );
    });
}
