import type { AliasProps } from '../../template/cfn/kms';
import type { BucketProps, ReplicationRule } from '../../template/cfn/s3';
import { ModelResource, StageModel, stageModels } from '../../template/stage-model';
import { Check, CheckResult, fail, pass } from '../check';
import { arnRegion, asArray, bucketNameOf, primaryCustomerDataBuckets, rotatedKey } from '../private/cfn';

/**
 * DATA-3 and REST-1: every upload and dump bucket replicates, with Replication Time Control, to a bucket declared in
 * another region, whose replicas are encrypted with a rotated customer managed key of that region (found by the alias
 * ARN the replication rule names: a key ARN carries a key id that only exists after deploy).
 */
export const uploadsReplicatedToAnotherRegion: Check = {
  id: 'DATA3-UploadsReplicatedToAnotherRegion',
  claims: ['DATA-3', 'REST-1'],
  description:
    'every upload and dump bucket replicates with RTC to a bucket declared in another region, under a rotated customer managed key of that region',
  run: (assembly) => {
    const results = stageModels(assembly).flatMap((model) =>
      primaryCustomerDataBuckets(model).map((b) => judge(model, b)),
    );
    return results.length ? results : [fail('no upload or dump bucket in the assembly to judge')];
  },
};

function judge(model: StageModel, bucket: ModelResource<BucketProps>): CheckResult {
  const name = bucketNameOf(model, bucket);
  const rules = asArray<ReplicationRule>(bucket.props.ReplicationConfiguration?.Rules).filter(
    (r) => r.Status === 'Enabled' && r.Destination?.ReplicationTime?.Status === 'Enabled',
  );
  for (const rule of rules) {
    const destName = model.text(bucket, rule.Destination?.Bucket)?.replace(/^arn:[^:]+:s3:::/, '');
    const replica = model
      .ofType<BucketProps>('AWS::S3::Bucket')
      .find((b) => bucketNameOf(model, b) === destName && b.region !== bucket.region);
    if (!replica) continue;
    const keyArn = model.text(bucket, rule.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID);
    if (arnRegion(keyArn) !== replica.region) continue;
    const aliasName = keyArn?.split(':').slice(5).join(':');
    const alias = model
      .ofType<AliasProps>('AWS::KMS::Alias')
      .find((a) => a.region === replica.region && model.text(a, a.props.AliasName) === aliasName);
    if (!alias || rotatedKey(model, alias, alias.props.TargetKeyId) !== 'rotated') continue;
    return pass(
      `bucket ${name}: replicated with RTC to ${destName} in ${replica.region} under ${aliasName}`,
      bucket.ref,
    );
  }
  return fail(
    `bucket ${name}: no RTC replication to a declared bucket of another region under a rotated key of that region`,
    bucket.ref,
  );
}
