import type { PlatformRole } from '../../core/platform-roles';
import { DEPLOYMENT_ROLE_ARN, OTHER_ACCOUNT } from '../../core/requirements/flows';
import type {
  FlowContextValue,
  FlowPrincipal,
  FlowRequirement,
  FlowResource,
  FlowResourcePart,
  FlowResourceSelector,
  PrincipalClass,
} from '../../core/requirements/flows';
import { GUARDDUTY_FARGATE_AGENT_ACCOUNTS } from '../../core/requirements/guardduty-agent';
import { LocatedResource, ResourceRef, toRef } from '../template/platform-assembly';
import { asArray } from '../template/template-values';
import { AuthorizationModel, LocatedPolicy, ModelRole } from './authorization-model';
import { eventRulesTargeting, roleDeclarationProblems, selectResources } from './flow-selectors';

/** Who makes a request. */
export interface RequestPrincipal {
  /** How results name it: a role's stack and logical id, a service, `anonymous`. */
  readonly label: string;
  readonly kind: 'role' | 'service' | 'anonymous';
  /** Session ARN of a role, service name of a service. */
  readonly id?: string;
  readonly roleArn?: string;
  /** Where a role of the templates is declared. */
  readonly ref?: ResourceRef;
  /** The account a role belongs to. @default - the environment's account */
  readonly account?: string;
  /** Context a principal of a class carries (a service calling for another account's source). */
  readonly context?: Readonly<Record<string, string>>;
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
  /** The template resource the request acts on (or whose key, log target or image repository it acts on). */
  readonly resourceRef?: ResourceRef;
  readonly region: string;
  readonly context: Readonly<Record<string, string | string[]>>;
  /** The context keys the flow itself sets (the rest are defaults every request carries). */
  readonly explicitKeys: readonly string[];
  readonly resourcePolicies: readonly LocatedPolicy[];
  /** The resource is AWS's: evaluated as if in the caller's account, so only the caller's policies decide. */
  readonly identitySideOnly: boolean;
  /** The account owning the resource, where its ARN names none (S3). @default - the caller's */
  readonly resourceAccount?: string;
}

/**
 * The requests of a flow, or the reason there are none: a role the flow names declared other than its cardinality
 * says, a selector that matches nothing, a resource the request cannot be worked out for. The flow then fails.
 */
export function flowRequests(model: AuthorizationModel, flow: FlowRequirement): FlowRequest[] | string {
  const roleProblems = roleDeclarationProblems(model.stage, flow);
  if (roleProblems.length) return roleProblems.join('; ');
  const anyPrincipal = requestPrincipals(model, flow, model.primaryRegion);
  if (typeof anyPrincipal === 'string') return anyPrincipal;
  if (anyPrincipal.length === 0) return `no principal of the environment matches ${JSON.stringify(flow.principal)}`;
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
    const principals = requestPrincipals(model, flow, resource.region);
    if (typeof principals === 'string') return principals;
    const flowContexts = contexts(model, flow.context ?? {}, fill);
    if (typeof flowContexts === 'string') return flowContexts;
    for (const context of flowContexts) {
      for (const principal of principals) {
        for (const action of flow.actions) {
          requests.push({
            flowId: flow.id,
            principal,
            action,
            resourceArn: fill(resource.arn),
            resourceLabel: fill(resource.label),
            resourceRef: resource.ref,
            region,
            context: {
              ...defaultContext(model, principal, action, region),
              ...context,
              ...resource.context,
              ...principal.context,
            },
            explicitKeys: [
              ...Object.keys(context),
              ...Object.keys(resource.context ?? {}),
              ...Object.keys(principal.context ?? {}),
            ],
            resourcePolicies: flow.identitySideOnly
              ? []
              : (resource.policies ?? model.resourcePolicyFor(fill(resource.arn))),
            identitySideOnly: flow.identitySideOnly ?? false,
            resourceAccount: model.account,
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
    const account = principal.account ?? model.account;
    context['aws:PrincipalArn'] = principal.roleArn;
    context['aws:PrincipalAccount'] = account;
    context['aws:PrincipalType'] = 'AssumedRole';
    if (service === 'kms') context['kms:CallerAccount'] = account;
  }
  if (principal.kind === 'service' && principal.id) context['aws:PrincipalServiceName'] = principal.id;
  return context;
}

/**
 * Each combination of the flow's context values (a selector of several resources gives one request each), or why a
 * selector gives none.
 */
function contexts(
  model: AuthorizationModel,
  context: Readonly<Record<string, FlowContextValue>>,
  fill: (s: string) => string,
): Record<string, string | string[]>[] | string {
  let out: Record<string, string | string[]>[] = [{}];
  for (const [key, value] of Object.entries(context)) {
    const values = contextValues(model, value, fill);
    if (values.length === 0) return `no resource of the environment gives ${key} ${JSON.stringify(value)}`;
    out = out.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return out;
}

function contextValues(
  model: AuthorizationModel,
  value: FlowContextValue,
  fill: (s: string) => string,
): (string | string[])[] {
  if (typeof value === 'string') return [fill(value)];
  if ('arnOf' in value) return selectResources(model.stage, value.arnOf).map((r) => arnOf(model, r));
  if ('arnOfEventRulesTargeting' in value) {
    const targets = selectResources(model.stage, value.arnOfEventRulesTargeting);
    return eventRulesTargeting(model.stage, targets).map((r) => arnOf(model, r));
  }
  return [value.map(fill)];
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
    ref: {
      stackName: role.stack.stackName,
      region: role.stack.region,
      logicalId: role.logicalId,
      type: 'AWS::IAM::Role',
    },
    identityPolicies: role.identityPolicies,
    unprovable: role.unknownManagedPolicies.length
      ? `AWS managed policies without an offline document: ${role.unknownManagedPolicies.join(', ')}`
      : undefined,
  };
}

/** The IAM roles of the templates that declared `role`, or why one of them is no IAM role. */
function declaredRoles(model: AuthorizationModel, role: PlatformRole): ModelRole[] | string {
  const out: ModelRole[] = [];
  for (const r of model.stage.withRole(role)) {
    const iamRole = model.roles.find((m) => m.stack.stackName === r.stackName && m.logicalId === r.logicalId);
    if (!iamRole)
      return `role '${role}' is declared by ${r.stackName}/${r.logicalId}, a ${r.type}, not an AWS::IAM::Role: it cannot make a request`;
    out.push(iamRole);
  }
  return out;
}

/** The principals of the flow; `region` is the region of the resource acted on (the deployment role's). */
function requestPrincipals(
  model: AuthorizationModel,
  flow: FlowRequirement,
  region: string,
): RequestPrincipal[] | string {
  const p: FlowPrincipal = flow.principal;
  // Before `service`: a class of service principals names its service too.
  if ('principalClass' in p) return classPrincipal(model, p.principalClass, flow.actions, region, p.service);
  if ('role' in p) {
    const roles = declaredRoles(model, p.role);
    return typeof roles === 'string' ? roles : roles.map(rolePrincipal);
  }
  if ('executionRolesOf' in p) {
    const arns = new Set(
      selectResources(model.stage, p.executionRolesOf).map((td) => model.property(td, 'ExecutionRoleArn')),
    );
    return model.roles.filter((r) => arns.has(r.arn)).map(rolePrincipal);
  }
  if ('everyRoleExcept' in p) {
    const excepted = new Set<ModelRole>();
    for (const role of p.everyRoleExcept) {
      const roles = declaredRoles(model, role);
      if (typeof roles === 'string') return roles;
      roles.forEach((r) => excepted.add(r));
    }
    return model.roles.filter((r) => !excepted.has(r)).map(rolePrincipal);
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
  return hypotheticalRole(model, roleArn, label, 'AdministratorAccess', ['*'], 'Administrator');
}

/** A role no template declares, of the account in its ARN, whose identity policy allows `actions` on every resource. */
function hypotheticalRole(
  model: AuthorizationModel,
  roleArn: string,
  label: string,
  policyName: string,
  actions: readonly string[],
  sid = policyName,
): RequestPrincipal {
  const account = roleArn.split(':')[4];
  return {
    label,
    kind: 'role',
    id: `arn:${model.partition}:sts::${account}:assumed-role/${roleArn.split('/').pop()!}/flow-proof`,
    roleArn,
    account,
    identityPolicies: [
      {
        source: { stackName: '(hypothetical)', logicalId: policyName, type: 'AWS::IAM::ManagedPolicy', path: [] },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: sid,
              Effect: 'Allow',
              Action: actions.length === 1 ? actions[0] : [...actions],
              Resource: '*',
            },
          ],
        },
      },
    ],
  };
}

/** The one hypothetical principal that stands for a class (see PrincipalClass in core). */
function classPrincipal(
  model: AuthorizationModel,
  cls: PrincipalClass,
  actions: readonly string[],
  region: string,
  service: string | undefined,
): RequestPrincipal[] | string {
  switch (cls) {
    case 'anonymous':
      return [{ label: 'anonymous', kind: 'anonymous', identityPolicies: [] }];
    case 'other-account':
      return [
        hypotheticalRole(
          model,
          `arn:${model.partition}:iam::${OTHER_ACCOUNT}:role/flow-proof-other-account`,
          `any principal of another account (${OTHER_ACCOUNT}, allowed everything by its own account)`,
          'OtherAccountAllowsEverything',
          ['*'],
        ),
      ];
    case 'this-account-any-identity':
      return [
        hypotheticalRole(
          model,
          `arn:${model.partition}:iam::${model.account}:role/flow-proof-any-identity`,
          `any identity of the account whose identity policy allows ${actions.join(', ')}`,
          'IdentityPolicyAllowsTheFlow',
          actions,
        ),
      ];
    case 'service-on-behalf-of-other-account': {
      if (!service)
        return "principal class 'service-on-behalf-of-other-account' names no service. Fix: give `service`, for example 'events.amazonaws.com'";
      const id = placeholders(model, service, region);
      const prefix = id.split('.')[0];
      return [
        {
          label: `service ${id} on behalf of another account (${OTHER_ACCOUNT})`,
          kind: 'service',
          id,
          identityPolicies: [],
          context: {
            'aws:SourceAccount': OTHER_ACCOUNT,
            'aws:SourceArn': `arn:${model.partition}:${prefix}:${region}:${OTHER_ACCOUNT}:flow-proof`,
          },
        },
      ];
    }
  }
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
  readonly ref?: ResourceRef;
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
      return { arn: arnOf(model, r), label: label(r), region, ref: toRef(r) };
    case 'objects':
      return {
        arn: `${arnOf(model, r)}/${objectKey ?? 'flow-proof/object'}`,
        label: label(r, 'an object'),
        region,
        ref: toRef(r),
      };
    case 'logStreams':
      return {
        arn: `${arnOf(model, r).replace(/:\*$/, '')}:log-stream:flow-proof`,
        label: label(r, 'a log stream'),
        region,
        ref: toRef(r),
      };
    case 'recoveryPoints': {
      const vault = arnOf(model, r);
      return {
        arn: `arn:${model.partition}:backup:${region}:${model.account}:recovery-point:flow-proof-${r.logicalId}`,
        label: label(r, 'a recovery point'),
        region,
        ref: toRef(r),
        // A vault's access policy governs the recovery points it holds.
        policies: model.resourcePolicyFor(vault),
      };
    }
    case 'masterUserSecret':
      if (r.type !== 'AWS::RDS::DBCluster') return `${r.logicalId} is a ${r.type}, which has no master user secret`;
      if (r.resource.Properties?.MasterUserSecret === undefined)
        return `${r.logicalId} has no RDS-managed master user secret`;
      return {
        arn: model.value(r, 'MasterUserSecret.SecretArn'),
        label: label(r, 'the master user secret'),
        region,
        ref: toRef(r),
      };
  }
}

function requestResources(model: AuthorizationModel, resource: FlowResource): RequestResource[] | string {
  if ('arn' in resource) {
    const region = resource.arn.split(':')[3] || model.primaryRegion;
    return [{ arn: resource.arn, label: resource.arn, region }];
  }
  if ('resource' in resource) {
    const out: RequestResource[] = [];
    for (const r of selectResources(model.stage, resource.resource)) {
      const p = partArn(model, r, resource.part ?? 'arn', resource.objectKey);
      if (typeof p === 'string') return p;
      out.push(p);
    }
    return out;
  }
  if ('keyOf' in resource) {
    const out: RequestResource[] = [];
    for (const r of selectResources(model.stage, resource.keyOf)) {
      const region = r.region ?? model.primaryRegion;
      const path = resource.part === 'masterUserSecret' ? ['MasterUserSecret', 'KmsKeyId'] : KEY_PROPERTY[r.type];
      const keyRef = path ? model.property(r, ...path) : undefined;
      if (!keyRef)
        return `${r.stackName}/${r.logicalId} names no customer managed key${resource.part ? ` for its ${resource.part}` : ''}`;
      const arn = model.keyArn(keyRef, region);
      out.push({
        arn,
        label: `the key of ${label(r)}${resource.part ? ` (${resource.part})` : ''}`,
        region,
        ref: toRef(r),
      });
    }
    return out;
  }
  if ('accessLogTargetOf' in resource) return accessLogTargets(model, resource.accessLogTargetOf);
  const out: RequestResource[] = [];
  for (const td of selectResources(model.stage, resource.imageRepositoryOf)) {
    for (const c of asArray<{ Image?: unknown }>(td.resource.Properties?.ContainerDefinitions)) {
      const image = model.resolver.string(c.Image, td.stack);
      const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
      if (m)
        out.push({
          arn: `arn:${model.partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}`,
          label: `the image repository of ${label(td)}`,
          region: m[2],
          ref: toRef(td),
        });
    }
  }
  return out;
}

/** For each selected bucket that logs its access: an object of its target bucket, with the source as context. */
function accessLogTargets(model: AuthorizationModel, selector: FlowResourceSelector): RequestResource[] | string {
  const out: RequestResource[] = [];
  for (const source of selectResources(model.stage, selector)) {
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
      ref: toRef(source),
      context: { 'aws:SourceArn': arnOf(model, source) },
    });
  }
  return out;
}
