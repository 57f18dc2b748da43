import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import { resolveResource } from '../../template/resolve-references';
import { asArray } from '../../template/template-values';

interface Rule {
  readonly IpProtocol?: unknown;
  readonly FromPort?: unknown;
  readonly ToPort?: unknown;
  readonly CidrIp?: unknown;
  readonly CidrIpv6?: unknown;
  readonly SourceSecurityGroupId?: unknown;
  readonly DestinationSecurityGroupId?: unknown;
}

const key = (r: LocatedResource) => `${r.stackName}/${r.logicalId}`;
const port = (r: Rule) =>
  r.FromPort === r.ToPort
    ? `${String(r.IpProtocol)}/${String(r.FromPort)}`
    : `${String(r.IpProtocol)}/${String(r.FromPort)}-${String(r.ToPort)}`;
const singleTcpPort = (r: Rule) => r.IpProtocol === 'tcp' && r.FromPort !== undefined && r.FromPort === r.ToPort;

/** Inline and stand-alone rules of one direction of a security group, each with the stack it was written in. */
function rulesOf(
  assembly: PlatformAssembly,
  sg: LocatedResource,
  direction: 'Ingress' | 'Egress',
): { rule: Rule; where: LocatedResource }[] {
  const inline = asArray<Rule>(sg.resource.Properties?.[`SecurityGroup${direction}`]).map((rule) => ({
    rule,
    where: sg,
  }));
  const standalone = assembly
    .resourcesOfType(`AWS::EC2::SecurityGroup${direction}`)
    .filter((r) => {
      const target = resolveResource(assembly, r.stack, r.resource.Properties?.GroupId);
      return target !== undefined && key(target) === key(sg);
    })
    .map((r) => ({ rule: r.resource.Properties as Rule, where: r }));
  return [...inline, ...standalone];
}

function groupsOf(assembly: PlatformAssembly, owner: LocatedResource, ids: unknown): LocatedResource[] {
  return asArray(ids)
    .map((id) => resolveResource(assembly, owner.stack, id))
    .filter((g): g is LocatedResource => g?.type === 'AWS::EC2::SecurityGroup');
}

/**
 * TRANSIT-2: security groups are chained on single ports: internet -> load balancer (443, 80 for the redirect);
 * load balancer -> service on one port; service -> database on one port, otherwise out on 443 only; the database
 * admits only security groups (never address ranges) on its port, and never the load balancer's.
 */
export const securityGroupChain: Check = {
  id: 'TRANSIT2-SecurityGroupChain',
  claims: ['TRANSIT-2'],
  description: 'security groups chain internet -> load balancer -> service -> database, each on single ports',
  run: (assembly) => {
    const results: CheckResult[] = [];
    const lbGroups = new Map<string, LocatedResource>();
    for (const lb of assembly.resourcesOfType('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      for (const g of groupsOf(assembly, lb, lb.resource.Properties?.SecurityGroups)) lbGroups.set(key(g), g);
    }
    const dbGroups = new Map<string, LocatedResource>();
    for (const db of assembly.resourcesOfType('AWS::RDS::DBCluster')) {
      for (const g of groupsOf(assembly, db, db.resource.Properties?.VpcSecurityGroupIds)) dbGroups.set(key(g), g);
    }
    const sourceIs = (rule: Rule, where: LocatedResource, groups: Map<string, LocatedResource>) => {
      const source = resolveResource(
        assembly,
        where.stack,
        rule.SourceSecurityGroupId ?? rule.DestinationSecurityGroupId,
      );
      return source !== undefined && groups.has(key(source));
    };

    for (const g of lbGroups.values()) {
      const bad = rulesOf(assembly, g, 'Ingress').filter(
        ({ rule }) =>
          !(rule.IpProtocol === 'tcp' && rule.FromPort === rule.ToPort && [443, 80].includes(Number(rule.FromPort))),
      );
      results.push(
        bad.length
          ? fail(`load balancer group admits ${bad.map((b) => port(b.rule)).join(', ')} beyond 443/80`, toRef(g))
          : pass('load balancer group admits only tcp/443 and tcp/80', toRef(g)),
      );
    }

    for (const service of assembly.resourcesOfType('AWS::ECS::Service')) {
      const vpcConfig = (
        service.resource.Properties?.NetworkConfiguration as
          { AwsvpcConfiguration?: { SecurityGroups?: unknown } } | undefined
      )?.AwsvpcConfiguration;
      for (const g of groupsOf(assembly, service, vpcConfig?.SecurityGroups)) {
        const ingress = rulesOf(assembly, g, 'Ingress');
        const badIn = ingress.filter(({ rule, where }) => !(singleTcpPort(rule) && sourceIs(rule, where, lbGroups)));
        const egress = rulesOf(assembly, g, 'Egress');
        const badOut = egress.filter(
          ({ rule, where }) =>
            !(
              (rule.IpProtocol === 'tcp' && rule.FromPort === 443 && rule.ToPort === 443) ||
              (singleTcpPort(rule) && sourceIs(rule, where, dbGroups))
            ),
        );
        if (ingress.length === 0) results.push(fail('service group admits nothing from a load balancer', toRef(g)));
        else if (badIn.length || badOut.length) {
          results.push(
            fail(
              `service group: ingress not from a load balancer on one port: ${badIn.map((b) => port(b.rule)).join(', ') || 'none'}; egress beyond 443 and the database port: ${badOut.map((b) => port(b.rule)).join(', ') || 'none'}`,
              toRef(g),
            ),
          );
        } else {
          results.push(
            pass(
              `service group: in ${ingress.map((i) => port(i.rule)).join(', ')} from the load balancer; out ${egress.map((e) => port(e.rule)).join(', ')}`,
              toRef(g),
            ),
          );
        }
      }
    }

    for (const g of dbGroups.values()) {
      const ingress = rulesOf(assembly, g, 'Ingress');
      const bad = ingress.filter(({ rule, where }) => {
        const source = resolveResource(assembly, where.stack, rule.SourceSecurityGroupId);
        return !singleTcpPort(rule) || source?.type !== 'AWS::EC2::SecurityGroup' || lbGroups.has(key(source));
      });
      results.push(
        bad.length
          ? fail(
              `database group admits ${bad.map((b) => port(b.rule)).join(', ')} from an address range, a port range or the load balancer`,
              toRef(g),
            )
          : pass(
              `database group admits only security groups on single ports (${ingress.map((i) => port(i.rule)).join(', ') || 'no ingress'})`,
              toRef(g),
            ),
      );
    }
    if (results.length === 0) results.push(fail('no load balancer, service or database security group found to judge'));
    return results;
  },
};
