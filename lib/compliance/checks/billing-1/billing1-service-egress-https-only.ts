import type { SecurityGroupProps, SecurityGroupRule, SecurityGroupRuleProps } from '../../template/cfn/ec2';
import type { EcsServiceProps } from '../../template/cfn/ecs';
import type { DBClusterProps } from '../../template/cfn/rds';
import type { PlatformAssembly } from '../../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { Check, CheckResult, fail, pass } from '../check';

/** CDK's placeholder rule on a security group with allowAllOutbound false: matches no traffic at all. */
function isNoTrafficPlaceholder(r: SecurityGroupRule): boolean {
  return (
    r.CidrIp === '255.255.255.255/32' &&
    r.IpProtocol === 'icmp' &&
    Number(r.FromPort) === 252 &&
    Number(r.ToPort) === 86
  );
}

/** Engine default ports, for database clusters and instances that do not set `Port`. */
const DEFAULT_PORTS: readonly [RegExp, number][] = [
  [/postgres/, 5432],
  [/mysql|mariadb/, 3306],
];

/** The ports the model's databases listen on (clusters and instances share the fields read here). */
function databasePorts(model: StageModel): Set<number> {
  const ports = new Set<number>();
  const databases = [
    ...model.ofType<DBClusterProps>('AWS::RDS::DBCluster'),
    ...model.ofType<DBClusterProps>('AWS::RDS::DBInstance'),
  ];
  for (const db of databases) {
    const port = Number(db.props.Port);
    const engine = model.text(db, db.props.Engine) ?? '';
    const fallback = DEFAULT_PORTS.find(([re]) => re.test(engine))?.[1];
    if (Number.isInteger(port) && port > 0) ports.add(port);
    else if (fallback) ports.add(fallback);
  }
  return ports;
}

/** Allowed: HTTPS (TCP 443) anywhere, or a database port of the assembly to a security group (the database). */
function describeViolation(r: SecurityGroupRule, dbPorts: Set<number>): string | undefined {
  if (isNoTrafficPlaceholder(r)) return undefined;
  const tcp = r.IpProtocol === 'tcp' || r.IpProtocol === '6';
  const from = Number(r.FromPort);
  const to = Number(r.ToPort);
  if (tcp && from === 443 && to === 443) return undefined;
  if (tcp && from === to && dbPorts.has(from) && r.DestinationSecurityGroupId !== undefined) return undefined;
  const where = String(
    r.CidrIp ?? r.CidrIpv6 ?? (r.DestinationSecurityGroupId ? 'a security group' : (r.DestinationPrefixListId ?? '?')),
  );
  return `${String(r.IpProtocol)} ${String(r.FromPort ?? 'all')}-${String(r.ToPort ?? 'all')} to ${where}`;
}

/**
 * BILLING-1 ("egress limited to HTTPS"): every ECS service's security groups let out only HTTPS, plus the port of a
 * database of the assembly to a security group (the database's), so card-related traffic can only leave encrypted.
 */
export const serviceEgressHttpsOnly: Check = {
  id: 'BILLING1-ServiceEgressHttpsOnly',
  claims: ['BILLING-1'],
  description:
    'every ECS service security group allows egress only on TCP 443, plus the database port to a security group',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const model = assemblyModel(assembly);
    const dbPorts = databasePorts(model);
    const judged = model.ofType<EcsServiceProps>('AWS::ECS::Service').flatMap((service) => {
      const groups = asArray(service.props.NetworkConfiguration?.AwsvpcConfiguration?.SecurityGroups);
      if (groups.length === 0) return [fail(`service ${service.logicalId}: no security group to judge`, service.ref)];
      return groups.map((g) => {
        const group = model.resolve<SecurityGroupProps>(service, g);
        return group?.type === 'AWS::EC2::SecurityGroup'
          ? judgeGroup(model, service, group, dbPorts)
          : fail(
              `service ${service.logicalId}: security group ${JSON.stringify(g)} is not in its template, so its egress cannot be judged`,
              service.ref,
            );
      });
    });
    return judged.length ? judged : [fail('no ECS service in the assembly, so no service egress to judge')];
  },
};

function judgeGroup(
  model: StageModel,
  service: ModelResource<EcsServiceProps>,
  group: ModelResource<SecurityGroupProps>,
  dbPorts: Set<number>,
): CheckResult {
  const rules: SecurityGroupRule[] = [
    ...asArray<SecurityGroupRule>(group.props.SecurityGroupEgress),
    ...model
      .ofType<SecurityGroupRuleProps>('AWS::EC2::SecurityGroupEgress')
      .filter((e) => model.resolve(e, e.props.GroupId) === group)
      .map((e) => e.props),
  ];
  if (rules.length === 0) {
    return fail(
      `service ${service.logicalId}: security group ${group.logicalId} declares no egress rule, which CloudFormation turns into allow-all`,
      group.ref,
    );
  }
  const violations = rules.map((r) => describeViolation(r, dbPorts)).filter((v): v is string => v !== undefined);
  return violations.length
    ? fail(
        `service ${service.logicalId}: security group ${group.logicalId} lets out ${violations.join(', ')}`,
        group.ref,
      )
    : pass(
        `service ${service.logicalId}: security group ${group.logicalId} lets out only HTTPS and the database port to a security group`,
        group.ref,
      );
}
