import { serviceModeOptOutKey } from '../../../core/service-modes';
import { Check, CheckResult, fail, pass, weakened, perEnvironment } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, PlatformEnvironment, prop, resourcesIn } from '../../template/template-values';

/**
 * MONITOR-2 (and every claim the Config rules keep watching): in both regions, AWS Config records every supported
 * resource type and delivers to a bucket encrypted with a customer managed key, unless `threatDetection.config`
 * says the account (`existing`) or the organisation (`organization`) records; that is reported as weakened. Without
 * recording, Security Hub's Foundational Security Best Practices controls and the Config rules evaluate nothing.
 */
export const configRecordingInBothRegions: Check = {
  id: 'MONITOR2-ConfigRecordingInBothRegions',
  claims: ['MONITOR-2'],
  description:
    'In both regions, an AWS Config recorder of every supported resource type delivers to a bucket encrypted with a customer managed key, or the config mode says the account or the organisation records',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    return perEnvironment(assembly, judgeEnvironment);
  },
};

function judgeEnvironment(env: PlatformEnvironment): CheckResult[] {
  const regions = [env.primaryRegion, env.recoveryRegion].filter((r): r is string => typeof r === 'string');
  if (regions.length < 2) return [fail(`environment ${env.name}: its metadata names no primary and recovery region`)];
  const mode = env.optOuts[serviceModeOptOutKey('config')];
  return regions.map((region) => {
    const where = `environment ${env.name}, ${region}`;
    const stacks = env.stacks.filter((s) => s.region === region);
    const recorders = resourcesIn(stacks, 'AWS::Config::ConfigurationRecorder');
    if (mode === 'existing' || mode === 'organization') {
      return recorders.length
        ? fail(
            `${where}: a configuration recorder is declared although threatDetection.config is '${mode}'; a region has only one, so the deploy collides`,
            toRef(recorders[0]),
          )
        : weakened(
            `${where}: AWS Config recording left to the ${mode === 'existing' ? "account's own recorder" : "organisation's setup"} (threatDetection.config = '${mode}'); relied on, not declared or proven here`,
          );
    }
    if (recorders.length === 0) return fail(`${where}: no AWS Config recorder, and threatDetection.config is 'create'`);
    const recorder = recorders[0];
    const group = (prop(recorder, 'RecordingGroup') ?? {}) as { AllSupported?: unknown };
    if (group.AllSupported !== true)
      return fail(
        `${where}: recorder ${recorder.logicalId} does not record all supported resource types`,
        toRef(recorder),
      );
    return judgeDelivery(where, resourcesIn(stacks, 'AWS::Config::DeliveryChannel'), recorder);
  });
}

function judgeDelivery(where: string, channels: LocatedResource[], recorder: LocatedResource): CheckResult {
  if (channels.length === 0)
    return fail(`${where}: recorder ${recorder.logicalId} has no delivery channel`, toRef(recorder));
  const channel = channels[0];
  const bucket = resolveBucket(channel);
  if (!prop(channel, 'S3KmsKeyArn'))
    return fail(
      `${where}: delivery channel ${channel.logicalId} has no S3KmsKeyArn (not under a customer managed key)`,
      toRef(channel),
    );
  if (!bucket)
    return fail(
      `${where}: delivery channel ${channel.logicalId} delivers to no bucket of this template`,
      toRef(channel),
    );
  const sse = asArray<{ ServerSideEncryptionByDefault?: { SSEAlgorithm?: string } }>(
    (prop(bucket, 'BucketEncryption') as { ServerSideEncryptionConfiguration?: unknown } | undefined)
      ?.ServerSideEncryptionConfiguration,
  );
  return sse.some((r) => r.ServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms')
    ? pass(
        `${where}: recorder ${recorder.logicalId} (all supported types) delivers through ${channel.logicalId} to KMS-encrypted bucket ${bucket.logicalId}`,
        toRef(channel),
      )
    : fail(`${where}: delivery bucket ${bucket.logicalId} is not encrypted with KMS`, toRef(bucket));
}

function resolveBucket(channel: LocatedResource): LocatedResource | undefined {
  const ref = prop(channel, 'S3BucketName');
  const logicalId = ref && typeof ref === 'object' ? (ref as { Ref?: unknown }).Ref : undefined;
  const resource = typeof logicalId === 'string' ? channel.stack.template.Resources?.[logicalId] : undefined;
  return resource?.Type === 'AWS::S3::Bucket'
    ? { ...channel, logicalId: logicalId as string, type: resource.Type, resource }
    : undefined;
}
