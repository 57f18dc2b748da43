import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, referencedLogicalId, toRef } from '../../template/platform-assembly';
import {
  arnRegion,
  asArray,
  bucketName,
  flatten,
  keyRotated,
  platformEnvironments,
  primaryCustomerDataBuckets,
  prop,
  resourcesIn,
} from '../private/cfn';

interface Rule {
  Status?: string;
  Destination?: {
    Bucket?: unknown;
    ReplicationTime?: { Status?: string };
    EncryptionConfiguration?: { ReplicaKmsKeyID?: unknown };
  };
}

/**
 * DATA-3 and REST-1: every upload and dump bucket replicates, with Replication Time Control, to a bucket declared in
 * another region, whose replicas are encrypted with a rotated customer managed key of that region (found by the key
 * or alias ARN the replication rule names).
 */
export const uploadsReplicatedToAnotherRegion: Check = {
  id: 'DATA3-UploadsReplicatedToAnotherRegion',
  claims: ['DATA-3', 'REST-1'],
  description:
    'every upload and dump bucket replicates with RTC to a bucket declared in another region, under a rotated customer managed key of that region',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const results = platformEnvironments(assembly).flatMap((env) => {
      const buckets = resourcesIn(env.stacks, 'AWS::S3::Bucket');
      return primaryCustomerDataBuckets(env).map((b) =>
        judge(
          b,
          buckets,
          env.stacks.flatMap((s) => [s]),
        ),
      );
    });
    return results.length ? results : [fail('no upload or dump bucket in the assembly to judge')];
  },
};

function judge(bucket: LocatedResource, all: LocatedResource[], stacks: LocatedResource['stack'][]): CheckResult {
  const name = bucketName(bucket);
  const rules = asArray<Rule>(
    (prop(bucket, 'ReplicationConfiguration') as { Rules?: unknown } | undefined)?.Rules,
  ).filter((r) => r.Status === 'Enabled' && r.Destination?.ReplicationTime?.Status === 'Enabled');
  for (const rule of rules) {
    const destArn = flatten(rule.Destination?.Bucket, bucket.stack);
    const destName = destArn?.replace(/^arn:[^:]+:s3:::/, '');
    const replica = all.find((b) => bucketName(b) === destName && b.region !== bucket.region);
    if (!replica) continue;
    const keyArn = flatten(rule.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID, bucket.stack);
    if (arnRegion(keyArn) !== replica.region) continue;
    const replicaStack = stacks.find((s) => s === replica.stack)!;
    const aliasName = keyArn?.split(':').slice(5).join(':');
    const alias = Object.values(replicaStack.template.Resources ?? {}).find(
      (r) => r.Type === 'AWS::KMS::Alias' && r.Properties?.AliasName === aliasName,
    );
    const keyId = alias ? referencedLogicalId(alias.Properties?.TargetKeyId) : keyArn?.split('/').pop();
    if (!keyRotated(replicaStack, keyId)) continue;
    return pass(
      `bucket ${name}: replicated with RTC to ${destName} in ${replica.region} under ${aliasName ?? keyId}`,
      toRef(bucket),
    );
  }
  return fail(
    `bucket ${name}: no RTC replication to a declared bucket of another region under a rotated key of that region`,
    toRef(bucket),
  );
}
