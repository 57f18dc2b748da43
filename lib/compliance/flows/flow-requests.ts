import { DEPLOYMENT_ROLE_ARN } from '../../core/requirements/flows';
import type {
  FlowContextValue,
  FlowPrincipal,
  FlowRequirement,
  FlowResource,
  FlowResourcePart,
  FlowResourceSelector,
  FlowRoleSelector,
} from '../../core/requirements/flows';
import { GUARDDUTY_FARGATE_AGENT_ACCOUNTS } from '../../core/requirements/guardduty-agent';
import type { LocatedResource } from '../template/platform-assembly';
import { asArray } from '../template/template-values';
import { AuthorizationModel, LocatedPolicy, ModelRole } from './authorization-model';

/** Who makes a request. */
export interface RequestPrincipal {
  /** How results name it: a role's stack and logical id, a service, `anonymous`. */
  readonly label: string;
  readonly kind: 'role' | 'service' | 'anonymous';
  /** Session ARN of a role, service name of a service. */
  readonly id?: string;
  readonly roleArn?: string;
  readonly identityPolicies: readonly LocatedPolicy[];
  /** Why this principal cannot be evaluated (an AWS managed policy not known offline). */
  readonly unprovable?: string;
}

/** One concrete request of a flow, ready for the policy engine. */
export interface FlowRequest {
  readonly flowId: string;
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resourceArn: string;
  /** How results name the resource: its stack and logical id, or its ARN. */
  readonly resourceLabel: string;
  readonly region: string;
  readonly context: Readonly<Record<string, string | string[]>>;
  /** The context keys the flow itself sets (the rest are defaults every request carries). */
  readonly explicitKeys: readonly string[];
  readonly resourcePolicies: readonly LocatedPolicy[];
  /** The resource is AWS's: evaluated as if in the caller's account, so only the caller's policies decide. */
  readonly identitySideOnly: boolean;
}

/** The requests of a flow, or the reason there are none (a selector that matches nothing). */
export function flowRequests(model: AuthorizationModel, flow: FlowRequirement): FlowRequest[] | string {
  if (requestPrincipals(model, flow.principal, model.primaryRegion).length === 0)
    return `no principal of the environment matches ${JSON.stringify(flow.principal)}`;
  const resources = requestResources(model, flow.resource);
  if (typeof resources === 'string') return resources;
  if (resources.length === 0) return `no resource of the environment matches ${JSON.stringify(flow.resource)}`;
  const requests: FlowRequest[] = [];
  for (const resource of resources) {
    const region =
      flow.region === 'recovery'
        ? model.recoveryRegion
        : flow.region === 'primary'
          ? model.primaryRegion
          : resource.region;
    const fill = (s: string) => placeholders(model, s, region);
    // The deployment role is the one of the resource's region (the recovery vault is deployed from there).
    const principals = requestPrincipals(model, flow.principal, resource.region);
    for (const context of contexts(model, flow.context ?? {}, fill)) {
      for (const principal of principals) {
        for (const action of flow.actions) {
          requests.push({
            flowId: flow.id,
            principal,
            action,
            resourceArn: fill(resource.arn),
            resourceLabel: fill(resource.label),
            region,
            context: { ...defaultContext(model, principal, action, region), ...context, ...resource.context },
            explicitKeys: [...Object.keys(context), ...Object.keys(resource.context ?? {})],
            resourcePolicies: flow.identitySideOnly
              ? []
              : (resource.policies ?? model.resourcePolicyFor(fill(resource.arn))),
            identitySideOnly: flow.identitySideOnly ?? false,
          });
        }
      }
    }
  }
  return requests;
}

const UNKNOWN_GUARDDUTY_REGISTRY = 'no-guardduty-agent-registry-known-for-';

function placeholders(model: AuthorizationModel, s: string, region: string): string {
  return s
    .replace(/\{partition\}/g, model.partition)
    .replace(/\{account\}/g, model.account)
    .replace(/\{region\}/g, region)
    .replace(/\{primaryRegion\}/g, model.primaryRegion)
    .replace(/\{recoveryRegion\}/g, model.recoveryRegion)
    .replace(
      /\{guardDutyAgentAccount\}/g,
      GUARDDUTY_FARGATE_AGENT_ACCOUNTS[region] ?? `${UNKNOWN_GUARDDUTY_REGISTRY}${region}`,
    );
}

/** What every such request carries: TLS 1.3, the caller's identity, the region. A flow's context overrides it. */
function defaultContext(
  model: AuthorizationModel,
  principal: RequestPrincipal,
  action: string,
  region: string,
): Record<string, string> {
  const service = action.split(':')[0];
  const context: Record<string, string> = { 'aws:SecureTransport': 'true', 'aws:RequestedRegion': region };
  if (service === 's3') context['s3:TlsVersion'] = '1.3';
  if (principal.kind === 'role' && principal.roleArn) {
    context['aws:PrincipalArn'] = principal.roleArn;
    context['aws:PrincipalAccount'] = model.account;
    context['aws:PrincipalType'] = 'AssumedRole';
    if (service === 'kms') context['kms:CallerAccount'] = model.account;
  }
  if (principal.kind === 'service' && principal.id) context['aws:PrincipalServiceName'] = principal.id;
  return context;
}

/** Each combination of the flow's context values (a selector of several resources gives one request each). */
function contexts(
  model: AuthorizationModel,
  context: Readonly<Record<string, FlowContextValue>>,
  fill: (s: string) => string,
): Record<string, string | string[]>[] {
  let out: Record<string, string | string[]>[] = [{}];
  for (const [key, value] of Object.entries(context)) {
    const values: (string | string[])[] =
      typeof value === 'string'
        ? [fill(value)]
        : Array.isArray(value)
          ? [(value as readonly string[]).map(fill)]
          : select(model, (value as { arnOf: FlowResourceSelector }).arnOf).map((r) => arnOf(model, r));
    out = out.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return out;
}

function roleMatches(model: AuthorizationModel, role: ModelRole, s: FlowRoleSelector): boolean {
  if (s.stack && model.stack(s.stack) !== role.stack) return false;
  if (s.logicalId && !new RegExp(s.logicalId).test(role.logicalId)) return false;
  if (s.name && !new RegExp(s.name).test(role.name)) return false;
  return true;
}

function rolePrincipal(role: ModelRole): RequestPrincipal {
  return {
    label: `role ${role.stack.stackName}/${role.logicalId} (${role.name})`,
    kind: 'role',
    id: role.arn.replace(
      /^arn:([^:]+):iam::([^:]+):role\/(?:.*\/)?([^/]+)$/,
      'arn:$1:sts::$2:assumed-role/$3/flow-proof',
    ),
    roleArn: role.arn,
    identityPolicies: role.identityPolicies,
    unprovable: role.unknownManagedPolicies.length
      ? `AWS managed policies without an offline document: ${role.unknownManagedPolicies.join(', ')}`
      : undefined,
  };
}

/** The principals of `p`; `region` is the region of the resource acted on (the deployment role's). */
function requestPrincipals(model: AuthorizationModel, p: FlowPrincipal, region: string): RequestPrincipal[] {
  if ('role' in p) return model.roles.filter((r) => roleMatches(model, r, p.role)).map(rolePrincipal);
  if ('executionRolesOf' in p) {
    const arns = new Set(select(model, p.executionRolesOf).map((td) => model.property(td, 'ExecutionRoleArn')));
    return model.roles.filter((r) => arns.has(r.arn)).map(rolePrincipal);
  }
  if ('everyRoleExcept' in p) {
    return model.roles.filter((r) => !p.everyRoleExcept.some((s) => roleMatches(model, r, s))).map(rolePrincipal);
  }
  if ('service' in p) {
    const service = placeholders(model, p.service, model.primaryRegion);
    return [{ label: `service ${service}`, kind: 'service', id: service, identityPolicies: [] }];
  }
  if ('anonymous' in p) return [{ label: 'anonymous', kind: 'anonymous', identityPolicies: [] }];
  if ('deploymentRole' in p) {
    const arn = placeholders(model, DEPLOYMENT_ROLE_ARN, region);
    return [hypotheticalAdministrator(model, arn, `the deployment role ${arn.split('/').pop()!}`)];
  }
  const arn = `arn:${model.partition}:iam::${model.account}:role/flow-proof-administrator`;
  return [hypotheticalAdministrator(model, arn, 'an administrator of the account')];
}

/** A role no template declares whose identity policy allows every action on every resource (AdministratorAccess). */
function hypotheticalAdministrator(model: AuthorizationModel, roleArn: string, label: string): RequestPrincipal {
  return {
    label,
    kind: 'role',
    id: `arn:${model.partition}:sts::${model.account}:assumed-role/${roleArn.split('/').pop()!}/flow-proof`,
    roleArn,
    identityPolicies: [
      {
        source: {
          stackName: '(hypothetical)',
          logicalId: 'AdministratorAccess',
          type: 'AWS::IAM::ManagedPolicy',
          path: [],
        },
        document: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'Administrator', Effect: 'Allow', Action: '*', Resource: '*' }],
        },
      },
    ],
  };
}

function select(model: AuthorizationModel, s: FlowResourceSelector): LocatedResource[] {
  const stack = s.stack ? model.stack(s.stack) : undefined;
  if (s.stack && !stack) return [];
  return model.assembly
    .resourcesOfType(s.type)
    .filter((r) => (!stack || r.stack === stack) && (!s.logicalId || new RegExp(s.logicalId).test(r.logicalId)));
}

function arnOf(model: AuthorizationModel, r: LocatedResource): string {
  const attribute: Record<string, string | undefined> = {
    'AWS::SNS::Topic': undefined,
    'AWS::SecretsManager::Secret': undefined,
    'AWS::Backup::BackupVault': 'BackupVaultArn',
    'AWS::RDS::DBCluster': 'DBClusterArn',
    'AWS::SSM::Parameter': undefined,
  };
  if (r.type === 'AWS::SSM::Parameter') {
    const name = model.value(r).replace(/^\//, '');
    return `arn:${model.partition}:ssm:${r.region}:${model.account}:parameter/${name}`;
  }
  return model.value(r, r.type in attribute ? attribute[r.type] : 'Arn');
}

/** The property naming the key that encrypts a resource, by type. */
const KEY_PROPERTY: Record<string, string[]> = {
  'AWS::S3::Bucket': [
    'BucketEncryption',
    'ServerSideEncryptionConfiguration',
    'ServerSideEncryptionByDefault',
    'KMSMasterKeyID',
  ],
  'AWS::RDS::DBCluster': ['KmsKeyId'],
  'AWS::SecretsManager::Secret': ['KmsKeyId'],
  'AWS::Logs::LogGroup': ['KmsKeyId'],
  'AWS::SNS::Topic': ['KmsMasterKeyId'],
  'AWS::Backup::BackupVault': ['EncryptionKeyArn'],
  'AWS::CloudTrail::Trail': ['KMSKeyId'],
};

interface RequestResource {
  readonly arn: string;
  readonly label: string;
  readonly region: string;
  readonly policies?: readonly LocatedPolicy[];
  /** Context keys that belong to this resource (the source bucket of an access log). */
  readonly context?: Readonly<Record<string, string>>;
}

function label(r: LocatedResource, what?: string): string {
  return `${what ? `${what} of ` : ''}${r.stackName}/${r.logicalId}`;
}

function partArn(
  model: AuthorizationModel,
  r: LocatedResource,
  part: FlowResourcePart,
  objectKey?: string,
): RequestResource | string {
  const region = r.region ?? model.primaryRegion;
  switch (part) {
    case 'arn':
      return { arn: arnOf(model, r), label: label(r), region };
    case 'objects':
      return { arn: `${arnOf(model, r)}/${objectKey ?? 'flow-proof/object'}`, label: label(r, 'an object'), region };
    case 'logStreams':
      return {
        arn: `${arnOf(model, r).replace(/:\*$/, '')}:log-stream:flow-proof`,
        label: label(r, 'a log stream'),
        region,
      };
    case 'recoveryPoints': {
      const vault = arnOf(model, r);
      return {
        arn: `arn:${model.partition}:backup:${region}:${model.account}:recovery-point:flow-proof-${r.logicalId}`,
        label: label(r, 'a recovery point'),
        region,
        // A vault's access policy governs the recovery points it holds.
        policies: model.resourcePolicyFor(vault),
      };
    }
    case 'masterUserSecret':
      if (r.type !== 'AWS::RDS::DBCluster') return `${r.logicalId} is a ${r.type}, which has no master user secret`;
      if (r.resource.Properties?.MasterUserSecret === undefined)
        return `${r.logicalId} has no RDS-managed master user secret`;
      return { arn: model.value(r, 'MasterUserSecret.SecretArn'), label: label(r, 'the master user secret'), region };
  }
}

function requestResources(model: AuthorizationModel, resource: FlowResource): RequestResource[] | string {
  if ('arn' in resource) {
    const region = resource.arn.split(':')[3] || model.primaryRegion;
    return [{ arn: resource.arn, label: resource.arn, region }];
  }
  if ('resource' in resource) {
    const out: RequestResource[] = [];
    for (const r of select(model, resource.resource)) {
      const p = partArn(model, r, resource.part ?? 'arn', resource.objectKey);
      if (typeof p === 'string') return p;
      out.push(p);
    }
    return out;
  }
  if ('keyOf' in resource) {
    const out: RequestResource[] = [];
    for (const r of select(model, resource.keyOf)) {
      const region = r.region ?? model.primaryRegion;
      const path = resource.part === 'masterUserSecret' ? ['MasterUserSecret', 'KmsKeyId'] : KEY_PROPERTY[r.type];
      const keyRef = path ? model.property(r, ...path) : undefined;
      if (!keyRef)
        return `${r.stackName}/${r.logicalId} names no customer managed key${resource.part ? ` for its ${resource.part}` : ''}`;
      const arn = model.keyArn(keyRef, region);
      out.push({ arn, label: `the key of ${label(r)}${resource.part ? ` (${resource.part})` : ''}`, region });
    }
    return out;
  }
  if ('accessLogTargetOf' in resource) return accessLogTargets(model, resource.accessLogTargetOf);
  const out: RequestResource[] = [];
  for (const td of select(model, resource.imageRepositoryOf)) {
    for (const c of asArray<{ Image?: unknown }>(td.resource.Properties?.ContainerDefinitions)) {
      const image = model.resolver.string(c.Image, td.stack);
      const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
      if (m)
        out.push({
          arn: `arn:${model.partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}`,
          label: `the image repository of ${label(td)}`,
          region: m[2],
        });
    }
  }
  return out;
}

/** For each selected bucket that logs its access: an object of its target bucket, with the source as context. */
function accessLogTargets(model: AuthorizationModel, selector: FlowResourceSelector): RequestResource[] | string {
  const out: RequestResource[] = [];
  for (const source of select(model, selector)) {
    const logging = source.resource.Properties?.LoggingConfiguration as
      { DestinationBucketName?: unknown; LogFilePrefix?: unknown } | undefined;
    if (!logging) continue;
    const target = model.resolver.string(logging.DestinationBucketName, source.stack);
    if (!target) return `${label(source)} names a log target bucket that cannot be worked out`;
    const prefix =
      logging.LogFilePrefix === undefined ? '' : model.resolver.string(logging.LogFilePrefix, source.stack);
    const region = source.region ?? model.primaryRegion;
    out.push({
      arn: `arn:${model.partition}:s3:::${target}/${prefix}flow-proof.log`,
      label: `a server access log of ${label(source)} in ${target}`,
      region,
      context: { 'aws:SourceArn': arnOf(model, source) },
    });
  }
  return out;
}
