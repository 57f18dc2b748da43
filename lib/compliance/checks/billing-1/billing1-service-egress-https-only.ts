import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, referencedLogicalId, toRef } from '../../template/platform-assembly';
import { asArray, prop, resourcesIn } from '../../template/template-values';

interface EgressRule {
  readonly IpProtocol?: unknown;
  readonly FromPort?: unknown;
  readonly ToPort?: unknown;
  readonly CidrIp?: unknown;
  readonly CidrIpv6?: unknown;
  readonly DestinationSecurityGroupId?: unknown;
  readonly DestinationPrefixListId?: unknown;
}

/** CDK's placeholder rule on a security group with allowAllOutbound false: matches no traffic at all. */
function isNoTrafficPlaceholder(r: EgressRule): boolean {
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

/** The ports the assembly's databases listen on. */
function databasePorts(assembly: PlatformAssembly): Set<number> {
  const ports = new Set<number>();
  for (const db of assembly.resourcesOfType('AWS::RDS::DBCluster', 'AWS::RDS::DBInstance')) {
    const port = Number(prop(db, 'Port'));
    const engine = String(prop(db, 'Engine') ?? '');
    const fallback = DEFAULT_PORTS.find(([re]) => re.test(engine))?.[1];
    if (Number.isInteger(port) && port > 0) ports.add(port);
    else if (fallback) ports.add(fallback);
  }
  return ports;
}

/** Allowed: HTTPS (TCP 443) anywhere, or a database port of the assembly to a security group (the database). */
function describeViolation(r: EgressRule, dbPorts: Set<number>): string | undefined {
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
    const services = assembly.resourcesOfType('AWS::ECS::Service');
    const judged = services.flatMap((service) => {
      const config = (prop(service, 'NetworkConfiguration') ?? {}) as {
        AwsvpcConfiguration?: { SecurityGroups?: unknown[] };
      };
      const groups = asArray(config.AwsvpcConfiguration?.SecurityGroups);
      if (groups.length === 0)
        return [fail(`service ${service.logicalId}: no security group to judge`, toRef(service))];
      return groups.map((g) => {
        const group = assembly.resolveLocal(service.stack, g);
        return group?.type === 'AWS::EC2::SecurityGroup'
          ? judgeGroup(service, group, databasePorts(assembly))
          : fail(
              `service ${service.logicalId}: security group ${JSON.stringify(g)} is not in its template, so its egress cannot be judged`,
              toRef(service),
            );
      });
    });
    return judged.length ? judged : [fail('no ECS service in the assembly, so no service egress to judge')];
  },
};

function judgeGroup(service: LocatedResource, group: LocatedResource, dbPorts: Set<number>): CheckResult {
  const rules: EgressRule[] = [
    ...asArray<EgressRule>(prop(group, 'SecurityGroupEgress')),
    ...resourcesIn([group.stack], 'AWS::EC2::SecurityGroupEgress')
      .filter((e) => referencedLogicalId(prop(e, 'GroupId')) === group.logicalId)
      .map((e) => (e.resource.Properties ?? {}) as EgressRule),
  ];
  if (rules.length === 0) {
    return fail(
      `service ${service.logicalId}: security group ${group.logicalId} declares no egress rule, which CloudFormation turns into allow-all`,
      toRef(group),
    );
  }
  const violations = rules.map((r) => describeViolation(r, dbPorts)).filter((v): v is string => v !== undefined);
  return violations.length
    ? fail(
        `service ${service.logicalId}: security group ${group.logicalId} lets out ${violations.join(', ')}`,
        toRef(group),
      )
    : pass(
        `service ${service.logicalId}: security group ${group.logicalId} lets out only HTTPS and the database port to a security group`,
        toRef(group),
      );
}
