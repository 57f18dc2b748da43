import { LocatedResource, PlatformAssembly, StackTemplate } from '../../template/platform-assembly';
import { resolveResource } from '../../template/resolve-references';
import { asArray, prop, refersTo, resourcesIn } from '../../template/template-values';
import { sameResource } from '../resource-readers';

/** The attribute of an AWS::RDS::DBCluster that is its RDS-managed master secret. */
const MASTER_SECRET_ATTRIBUTE = 'MasterUserSecret.SecretArn';
/** RDS names the secrets it manages `rds!cluster-<uuid>`; an ARN written out in full still counts. */
const MANAGED_SECRET_ARN = /:secret:rds!cluster-/;

/**
 * True when `value` (any template value: a property, a Join, an environment list) carries a cluster's master
 * secret, directly (`Fn::GetAtt [cluster, MasterUserSecret.SecretArn]`), as a literal ARN, or through an output of
 * another stack (`Fn::ImportValue`, `Fn::GetStackOutput`).
 */
export function carriesMasterSecret(assembly: PlatformAssembly, stack: StackTemplate, value: unknown): boolean {
  return walk(assembly, stack, value, (s, v) => {
    if (typeof v === 'string') return MANAGED_SECRET_ARN.test(v);
    const [id, attribute] = getAtt(v);
    return attribute === MASTER_SECRET_ATTRIBUTE && s.template.Resources?.[id ?? '']?.Type === 'AWS::RDS::DBCluster';
  });
}

/** True when `value` reads an attribute (or the Ref) of `target`, in its own stack or through an output. */
export function readsFrom(
  assembly: PlatformAssembly,
  stack: StackTemplate,
  value: unknown,
  target: LocatedResource,
): boolean {
  return walk(assembly, stack, value, (s, v) => {
    if (s !== target.stack || !v || typeof v !== 'object') return false;
    const ref = (v as { Ref?: unknown }).Ref;
    return ref === target.logicalId || getAtt(v)[0] === target.logicalId;
  });
}

/** Logical ids a resource names in `DependsOn`. */
export function dependsOn(r: LocatedResource): string[] {
  return asArray<string>(r.resource.DependsOn);
}

/** Roles (logical ids) a policy resource is attached to, or the role itself for a role's inline policies. */
export function rolesOfPolicy(policy: LocatedResource): string[] {
  if (policy.type === 'AWS::IAM::Role') return [policy.logicalId];
  return asArray(prop(policy, 'Roles'))
    .map((r) => resolveResource(new PlatformAssembly([policy.stack]), policy.stack, r)?.logicalId)
    .filter((id): id is string => id !== undefined);
}

/** Policy documents of a policy resource (AWS::IAM::Policy, ManagedPolicy) or a role's inline policies. */
export function documentsOf(policy: LocatedResource): { Statement?: unknown }[] {
  if (policy.type === 'AWS::IAM::Role') {
    return asArray<{ PolicyDocument?: { Statement?: unknown } }>(prop(policy, 'Policies')).map(
      (p) => p.PolicyDocument ?? {},
    );
  }
  const document = prop(policy, 'PolicyDocument') as { Statement?: unknown } | undefined;
  return [document ?? {}];
}

/** The ECS services whose security groups a PostgreSQL cluster's security groups admit. */
export function servicesReaching(assembly: PlatformAssembly, cluster: LocatedResource): LocatedResource[] {
  const clusterGroups = asArray(prop(cluster, 'VpcSecurityGroupIds'))
    .map((g) => resolveResource(assembly, cluster.stack, g))
    .filter((g): g is LocatedResource => g !== undefined);
  const isClusterGroup = (stack: StackTemplate, v: unknown) =>
    clusterGroups.some((g) => sameResource(resolveResource(assembly, stack, v), g));
  const admitted: LocatedResource[] = [];
  for (const rule of assembly.resourcesOfType('AWS::EC2::SecurityGroupIngress')) {
    if (!isClusterGroup(rule.stack, prop(rule, 'GroupId'))) continue;
    const source = resolveResource(assembly, rule.stack, prop(rule, 'SourceSecurityGroupId'));
    if (source) admitted.push(source);
  }
  for (const group of clusterGroups) {
    for (const rule of asArray<{ SourceSecurityGroupId?: unknown }>(prop(group, 'SecurityGroupIngress'))) {
      const source = resolveResource(assembly, group.stack, rule.SourceSecurityGroupId);
      if (source) admitted.push(source);
    }
  }
  return assembly.resourcesOfType('AWS::ECS::Service').filter((service) => {
    const network = prop(service, 'NetworkConfiguration') as
      { AwsvpcConfiguration?: { SecurityGroups?: unknown } } | undefined;
    return asArray(network?.AwsvpcConfiguration?.SecurityGroups).some((g) => {
      const r = resolveResource(assembly, service.stack, g);
      return admitted.some((a) => sameResource(a, r));
    });
  });
}

/** The task definition a service or schedule names, in the same stack. */
export function taskDefinitionNamed(stack: StackTemplate, value: unknown): LocatedResource | undefined {
  return resourcesIn([stack], 'AWS::ECS::TaskDefinition').find((t) => refersTo(value, t.logicalId));
}

function getAtt(v: unknown): [string | undefined, string | undefined] {
  const g = (v as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  if (Array.isArray(g)) return [String(g[0]), String(g[1])];
  if (typeof g === 'string') {
    const [id, ...rest] = g.split('.');
    return [id, rest.join('.')];
  }
  return [undefined, undefined];
}

/** Visits every node of `value`, following imports and stack outputs into the stack that produced them. */
function walk(
  assembly: PlatformAssembly,
  stack: StackTemplate,
  value: unknown,
  hit: (stack: StackTemplate, v: unknown) => boolean,
  depth = 0,
): boolean {
  if (depth > 8) return false;
  if (hit(stack, value)) return true;
  if (Array.isArray(value)) return value.some((v) => walk(assembly, stack, v, hit, depth));
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const produced = producedBy(assembly, v);
  if (produced) return walk(assembly, produced.stack, produced.value, hit, depth + 1);
  return Object.values(v).some((x) => walk(assembly, stack, x, hit, depth));
}

/** The stack and output value an `Fn::ImportValue` or `Fn::GetStackOutput` reads. */
function producedBy(
  assembly: PlatformAssembly,
  v: Record<string, unknown>,
): { stack: StackTemplate; value: unknown } | undefined {
  const imported = v['Fn::ImportValue'];
  if (typeof imported === 'string') {
    for (const other of assembly.stacks) {
      for (const output of Object.values(other.template.Outputs ?? {}) as {
        Value?: unknown;
        Export?: { Name?: unknown };
      }[]) {
        if (output.Export?.Name === imported) return { stack: other, value: output.Value };
      }
    }
  }
  const getOutput = v['Fn::GetStackOutput'] as { StackName?: string; OutputName?: string } | undefined;
  if (getOutput?.OutputName) {
    const other = assembly.stacks.find(
      (s) => s.stackName === getOutput.StackName || s.constructPath.replace(/\//g, '-') === getOutput.StackName,
    );
    const output = other?.template.Outputs?.[getOutput.OutputName] as { Value?: unknown } | undefined;
    if (other && output) return { stack: other, value: output.Value };
  }
  return undefined;
}
