import { recordedModeIn } from '../../../core/service-modes';
import { Check, CheckResult, fail, pass, weakened, perStage } from '../check';
import type { ConfigurationRecorderProps, DeliveryChannelProps } from '../../template/cfn/config';
import type { BucketProps } from '../../template/cfn/s3';
import type { PlatformAssembly } from '../../template/platform-assembly';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';

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
    return perStage(assembly, judgeStage);
  },
};

function judgeStage(model: StageModel): CheckResult[] {
  const env = model.environment;
  const regions = [env.primaryRegion, env.recoveryRegion].filter((r): r is string => typeof r === 'string');
  if (regions.length < 2) return [fail(`environment ${env.name}: its metadata names no primary and recovery region`)];
  return regions.map((region, i) => {
    const mode = recordedModeIn(env.optOuts, 'config', i === 0 ? 'primary' : 'recovery');
    const where = `environment ${env.name}, ${region}`;
    const inRegion = <P>(type: string) => model.ofType<P>(type).filter((r) => r.region === region);
    const recorders = inRegion<ConfigurationRecorderProps>('AWS::Config::ConfigurationRecorder');
    if (mode === 'existing' || mode === 'organization') {
      return recorders.length
        ? fail(
            `${where}: a configuration recorder is declared although threatDetection.config is '${mode}'; a region has only one, so the deploy collides`,
            recorders[0].ref,
          )
        : weakened(
            `${where}: AWS Config recording left to the ${mode === 'existing' ? "account's own recorder" : "organisation's setup"} (threatDetection.config = '${mode}'); relied on, not declared or proven here`,
          );
    }
    if (recorders.length === 0) return fail(`${where}: no AWS Config recorder, and threatDetection.config is 'create'`);
    const recorder = recorders[0];
    if (recorder.props.RecordingGroup?.AllSupported !== true)
      return fail(
        `${where}: recorder ${recorder.logicalId} does not record all supported resource types`,
        recorder.ref,
      );
    return judgeDelivery(model, where, inRegion<DeliveryChannelProps>('AWS::Config::DeliveryChannel'), recorder);
  });
}

function judgeDelivery(
  model: StageModel,
  where: string,
  channels: ModelResource<DeliveryChannelProps>[],
  recorder: ModelResource<ConfigurationRecorderProps>,
): CheckResult {
  if (channels.length === 0)
    return fail(`${where}: recorder ${recorder.logicalId} has no delivery channel`, recorder.ref);
  const channel = channels[0];
  const target = model.resolve<BucketProps>(channel, channel.props.S3BucketName);
  const bucket = target?.type === 'AWS::S3::Bucket' ? target : undefined;
  if (!channel.props.S3KmsKeyArn)
    return fail(
      `${where}: delivery channel ${channel.logicalId} has no S3KmsKeyArn (not under a customer managed key)`,
      channel.ref,
    );
  if (!bucket)
    return fail(`${where}: delivery channel ${channel.logicalId} delivers to no bucket of this template`, channel.ref);
  const sse = asArray(bucket.props.BucketEncryption?.ServerSideEncryptionConfiguration);
  return sse.some((r) => r.ServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms')
    ? pass(
        `${where}: recorder ${recorder.logicalId} (all supported types) delivers through ${channel.logicalId} to KMS-encrypted bucket ${bucket.logicalId}`,
        channel.ref,
      )
    : fail(`${where}: delivery bucket ${bucket.logicalId} is not encrypted with KMS`, bucket.ref);
}
