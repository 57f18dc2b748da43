import type { SecurityGroupProps, SecurityGroupRuleProps } from '../../template/cfn/ec2';
import type { EcsServiceProps, TaskDefinitionProps } from '../../template/cfn/ecs';
import type { PolicyDocument, PolicyProps, RoleProps } from '../../template/cfn/iam';
import type { DBClusterProps } from '../../template/cfn/rds';
import type { LocatedResource } from '../../template/platform-assembly';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';

/** The attribute of an AWS::RDS::DBCluster that is its RDS-managed master secret. */
const MASTER_SECRET_ATTRIBUTE = 'MasterUserSecret.SecretArn';
/** RDS names the secrets it manages `rds!cluster-<uuid>`; an ARN written out in full still counts. */
const MANAGED_SECRET_ARN = /:secret:rds!cluster-/;
/** Keys of the intrinsics the model resolves to a resource. */
const REFERENCE_KEYS = ['Ref', 'Fn::GetAtt', 'Fn::GetStackOutput', 'Fn::ImportValue'];

/** Every PostgreSQL database cluster of the model. */
export function postgresClusters(model: StageModel): ModelResource<DBClusterProps>[] {
  return model
    .ofType<DBClusterProps>('AWS::RDS::DBCluster')
    .filter((c) => typeof c.props.Engine === 'string' && c.props.Engine.includes('postgres'));
}

/**
 * True when `value` (any template value of `from`: a property, a Join, an environment list) carries a cluster's
 * master secret: `Fn::GetAtt [cluster, MasterUserSecret.SecretArn]`, a literal ARN, or such an attribute read
 * through an output of another stack (`Fn::ImportValue`, `Fn::GetStackOutput`).
 */
export function carriesMasterSecret(model: StageModel, from: LocatedResource, value: unknown): boolean {
  if (typeof value === 'string') return MANAGED_SECRET_ARN.test(value);
  if (Array.isArray(value)) return value.some((v) => carriesMasterSecret(model, from, v));
  if (!value || typeof value !== 'object') return false;
  if (REFERENCE_KEYS.some((k) => k in value)) {
    const read = model.reference(from, value);
    if (read) return read.resource.type === 'AWS::RDS::DBCluster' && read.attribute === MASTER_SECRET_ATTRIBUTE;
  }
  return Object.values(value).some((v) => carriesMasterSecret(model, from, v));
}

/** Logical ids a resource names in `DependsOn`. */
export function dependsOn(r: LocatedResource): string[] {
  return asArray<string>(r.resource.DependsOn);
}

/** A role, or a policy resource (AWS::IAM::Policy, ManagedPolicy), with the views this reader needs. */
export type PolicyHolder = ModelResource<RoleProps & PolicyProps>;

/** The roles a policy resource is attached to, or the role itself for a role's inline policies. */
export function rolesOfPolicy(model: StageModel, policy: PolicyHolder): ModelResource<unknown>[] {
  if (policy.type === 'AWS::IAM::Role') return [policy];
  return model.resolveAll(policy, policy.props.Roles);
}

/** Policy documents of a policy resource (AWS::IAM::Policy, ManagedPolicy) or a role's inline policies. */
export function documentsOf(policy: PolicyHolder): PolicyDocument[] {
  if (policy.type === 'AWS::IAM::Role') return asArray(policy.props.Policies).map((p) => p.PolicyDocument ?? {});
  return [policy.props.PolicyDocument ?? {}];
}

/** The ECS services whose security groups a PostgreSQL cluster's security groups admit. */
export function servicesReaching(
  model: StageModel,
  cluster: ModelResource<DBClusterProps>,
): ModelResource<EcsServiceProps>[] {
  const clusterGroups = model.resolveAll<SecurityGroupProps>(cluster, cluster.props.VpcSecurityGroupIds);
  const admitted: ModelResource[] = [];
  for (const rule of model.ofType<SecurityGroupRuleProps>('AWS::EC2::SecurityGroupIngress')) {
    const group = model.resolve(rule, rule.props.GroupId);
    if (!group || !clusterGroups.includes(group)) continue;
    const source = model.resolve(rule, rule.props.SourceSecurityGroupId);
    if (source) admitted.push(source);
  }
  for (const group of clusterGroups) {
    for (const rule of asArray(group.props.SecurityGroupIngress)) {
      const source = model.resolve(group, rule.SourceSecurityGroupId);
      if (source) admitted.push(source);
    }
  }
  return model
    .ofType<EcsServiceProps>('AWS::ECS::Service')
    .filter((service) =>
      model
        .resolveAll(service, service.props.NetworkConfiguration?.AwsvpcConfiguration?.SecurityGroups)
        .some((g) => admitted.includes(g)),
    );
}

/** The task definition a service or schedule names. */
export function taskDefinitionNamed(
  model: StageModel,
  from: LocatedResource,
  value: unknown,
): ModelResource<TaskDefinitionProps> | undefined {
  const target = model.resolve<TaskDefinitionProps>(from, value);
  return target?.type === 'AWS::ECS::TaskDefinition' ? target : undefined;
}
