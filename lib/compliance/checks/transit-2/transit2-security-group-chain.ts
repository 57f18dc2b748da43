import type { SecurityGroupProps, SecurityGroupRule, SecurityGroupRuleProps } from '../../template/cfn/ec2';
import type { EcsServiceProps } from '../../template/cfn/ecs';
import type { LoadBalancerProps } from '../../template/cfn/elbv2';
import type { DBClusterProps } from '../../template/cfn/rds';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { Check, CheckResult, fail, pass } from '../check';

type Group = ModelResource<SecurityGroupProps>;

const port = (r: SecurityGroupRule) =>
  r.FromPort === r.ToPort
    ? `${String(r.IpProtocol)}/${String(r.FromPort)}`
    : `${String(r.IpProtocol)}/${String(r.FromPort)}-${String(r.ToPort)}`;
const singleTcpPort = (r: SecurityGroupRule) =>
  r.IpProtocol === 'tcp' && r.FromPort !== undefined && r.FromPort === r.ToPort;

/** Inline and stand-alone rules of one direction of a security group, each with the resource it was written in. */
function rulesOf(
  model: StageModel,
  sg: Group,
  direction: 'Ingress' | 'Egress',
): { rule: SecurityGroupRule; where: ModelResource<unknown> }[] {
  const inline = asArray<SecurityGroupRule>(sg.props[`SecurityGroup${direction}`]).map((rule) => ({ rule, where: sg }));
  const standalone = model
    .ofType<SecurityGroupRuleProps>(`AWS::EC2::SecurityGroup${direction}`)
    .filter((r) => model.resolve(r, r.props.GroupId) === sg)
    .map((r) => ({ rule: r.props, where: r }));
  return [...inline, ...standalone];
}

function groupsOf(model: StageModel, owner: ModelResource<unknown>, ids: unknown): Group[] {
  return model.resolveAll<SecurityGroupProps>(owner, ids).filter((g) => g.type === 'AWS::EC2::SecurityGroup');
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
    const model = assemblyModel(assembly);
    const results: CheckResult[] = [];
    const lbGroups = new Set<Group>();
    for (const lb of model.ofType<LoadBalancerProps>('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      for (const g of groupsOf(model, lb, lb.props.SecurityGroups)) lbGroups.add(g);
    }
    const dbGroups = new Set<Group>();
    for (const db of model.ofType<DBClusterProps>('AWS::RDS::DBCluster')) {
      for (const g of groupsOf(model, db, db.props.VpcSecurityGroupIds)) dbGroups.add(g);
    }
    const sourceIs = (rule: SecurityGroupRule, where: ModelResource<unknown>, groups: Set<Group>) => {
      const source = model.resolve<SecurityGroupProps>(
        where,
        rule.SourceSecurityGroupId ?? rule.DestinationSecurityGroupId,
      );
      return source !== undefined && groups.has(source);
    };

    for (const g of lbGroups) {
      const bad = rulesOf(model, g, 'Ingress').filter(
        ({ rule }) =>
          !(rule.IpProtocol === 'tcp' && rule.FromPort === rule.ToPort && [443, 80].includes(Number(rule.FromPort))),
      );
      results.push(
        bad.length
          ? fail(`load balancer group admits ${bad.map((b) => port(b.rule)).join(', ')} beyond 443/80`, g.ref)
          : pass('load balancer group admits only tcp/443 and tcp/80', g.ref),
      );
    }

    for (const service of model.ofType<EcsServiceProps>('AWS::ECS::Service')) {
      const vpcConfig = service.props.NetworkConfiguration?.AwsvpcConfiguration;
      for (const g of groupsOf(model, service, vpcConfig?.SecurityGroups)) {
        const ingress = rulesOf(model, g, 'Ingress');
        const badIn = ingress.filter(({ rule, where }) => !(singleTcpPort(rule) && sourceIs(rule, where, lbGroups)));
        const egress = rulesOf(model, g, 'Egress');
        const badOut = egress.filter(
          ({ rule, where }) =>
            !(
              (rule.IpProtocol === 'tcp' && rule.FromPort === 443 && rule.ToPort === 443) ||
              (singleTcpPort(rule) && sourceIs(rule, where, dbGroups))
            ),
        );
        if (ingress.length === 0) results.push(fail('service group admits nothing from a load balancer', g.ref));
        else if (badIn.length || badOut.length) {
          results.push(
            fail(
              `service group: ingress not from a load balancer on one port: ${badIn.map((b) => port(b.rule)).join(', ') || 'none'}; egress beyond 443 and the database port: ${badOut.map((b) => port(b.rule)).join(', ') || 'none'}`,
              g.ref,
            ),
          );
        } else {
          results.push(
            pass(
              `service group: in ${ingress.map((i) => port(i.rule)).join(', ')} from the load balancer; out ${egress.map((e) => port(e.rule)).join(', ')}`,
              g.ref,
            ),
          );
        }
      }
    }

    for (const g of dbGroups) {
      const ingress = rulesOf(model, g, 'Ingress');
      const bad = ingress.filter(({ rule, where }) => {
        const source = model.resolve<SecurityGroupProps>(where, rule.SourceSecurityGroupId);
        return !singleTcpPort(rule) || source?.type !== 'AWS::EC2::SecurityGroup' || lbGroups.has(source);
      });
      results.push(
        bad.length
          ? fail(
              `database group admits ${bad.map((b) => port(b.rule)).join(', ')} from an address range, a port range or the load balancer`,
              g.ref,
            )
          : pass(
              `database group admits only security groups on single ports (${ingress.map((i) => port(i.rule)).join(', ') || 'no ingress'})`,
              g.ref,
            ),
      );
    }
    if (results.length === 0) results.push(fail('no load balancer, service or database security group found to judge'));
    return results;
  },
};
