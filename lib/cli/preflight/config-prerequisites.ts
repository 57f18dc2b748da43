/**
 * What the platform's AWS Config recording needs of the account: the service-linked role its recorders name (the
 * templates do not create it), and a region free of a leftover delivery channel (one per region: the platform's
 * fails to create beside it) or a customer managed recorder that exists but does not record (left by an earlier
 * setup; it takes the region's one recorder slot and records nothing).
 */
import { PlatformAssembly } from '../../compliance/template/platform-assembly';
import { flatten, PlatformEnvironment, prop } from '../../compliance/template/template-values';
import { PreflightFinding } from './report';
import { absent, AwsSession } from './session';

export const CONFIG_SERVICE_LINKED_ROLE = 'AWSServiceRoleForConfig';
const CREATE_ROLE = 'aws iam create-service-linked-role --aws-service-name config.amazonaws.com';

const inRegion = (env: PlatformEnvironment, region?: string) =>
  new PlatformAssembly(region ? env.stacks.filter((s) => s.region === region) : env.stacks);

/** True when a recorder of the templates uses the service-linked role and no template creates that role. */
export function needsConfigServiceLinkedRole(env: PlatformEnvironment): boolean {
  const assembly = inRegion(env);
  const uses = assembly
    .resourcesOfType('AWS::Config::ConfigurationRecorder')
    .some((r) => (flatten(prop(r, 'RoleARN'), r.stack) ?? '').endsWith(`/${CONFIG_SERVICE_LINKED_ROLE}`));
  const creates = assembly
    .resourcesOfType('AWS::IAM::ServiceLinkedRole')
    .some((r) => prop(r, 'AWSServiceName') === 'config.amazonaws.com');
  return uses && !creates;
}

/** The role's finding when it is missing (`iam:GetRole`); throws when IAM could not be asked. */
export async function configServiceLinkedRole(aws: AwsSession, region: string): Promise<PreflightFinding[]> {
  const { IAMClient, GetRoleCommand } = aws.sdk.iam;
  try {
    await aws
      .open(new IAMClient(aws.config(region)))
      .send(new GetRoleCommand({ RoleName: CONFIG_SERVICE_LINKED_ROLE }));
    return [];
  } catch (e) {
    if (!absent(e)) throw e;
    return [
      {
        region: 'global',
        kind: 'prerequisite',
        subject: `role ${CONFIG_SERVICE_LINKED_ROLE}`,
        blocking: true,
        detail: `is missing: the platform's Config recorders use it and the templates do not create it, so the recorders fail to create. Create it once per account: ${CREATE_ROLE}`,
      },
    ];
  }
}

/** True when the templates of the region declare a delivery channel (threatDetection.config 'create'). */
export const declaresDeliveryChannel = (env: PlatformEnvironment, region: string): boolean =>
  inRegion(env, region).resourcesOfType('AWS::Config::DeliveryChannel').length > 0;

/**
 * A leftover delivery channel (where the templates declare one) and customer managed recorders that do not record,
 * in one region (`config:DescribeDeliveryChannels`, `DescribeConfigurationRecorders`,
 * `DescribeConfigurationRecorderStatus`); throws when Config could not be asked.
 */
export async function configLeftovers(
  aws: AwsSession,
  region: string,
  declaresChannel: boolean,
): Promise<PreflightFinding[]> {
  const {
    ConfigServiceClient,
    DescribeDeliveryChannelsCommand,
    DescribeConfigurationRecordersCommand,
    DescribeConfigurationRecorderStatusCommand,
  } = aws.sdk.config;
  const config = aws.open(new ConfigServiceClient(aws.config(region)));
  const findings: PreflightFinding[] = [];
  if (declaresChannel) {
    const channels = (await config.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? [];
    for (const channel of channels)
      findings.push({
        region,
        kind: 'collision',
        subject: `Config delivery channel ${channel.name}`,
        blocking: true,
        detail: `exists (a region has one): the platform's channel fails to create beside it. If it is a leftover, delete it (aws configservice delete-delivery-channel --delivery-channel-name ${channel.name} --region ${region}); if the account records with it, set threatDetection.config to 'existing'`,
      });
  }
  const recorders = (await config.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? [];
  const own = recorders.filter((r) => !r.servicePrincipal).map((r) => r.name);
  if (own.length === 0) return findings;
  const statuses =
    (await config.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus ?? [];
  for (const name of own) {
    if (statuses.find((s) => s.name === name)?.recording === true) continue;
    findings.push({
      region,
      kind: 'collision',
      subject: `Config recorder ${name}`,
      blocking: true,
      detail: `exists but is not recording: a leftover takes the region's one recorder and records nothing. Delete it (aws configservice delete-configuration-recorder --configuration-recorder-name ${name} --region ${region}) and keep 'create', or start it and set threatDetection.config to 'existing'`,
    });
  }
  return findings;
}
