import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, refersToResource as refersTo, resourcesOfType } from '../cfn-resource-values';
import { asArray } from '../../assembly/template-values';

interface Ingress {
  readonly CidrIp?: unknown;
  readonly CidrIpv6?: unknown;
  readonly IpProtocol?: unknown;
  readonly FromPort?: unknown;
  readonly ToPort?: unknown;
  readonly GroupId?: unknown;
}

const isAnywhere = (r: Ingress) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0';
const isWebPort = (r: Ingress) =>
  r.IpProtocol === 'tcp' && r.FromPort === r.ToPort && (Number(r.FromPort) === 443 || Number(r.FromPort) === 80);

/**
 * TRANSIT-2: the only ingress from the whole internet (0.0.0.0/0, ::/0) is to a load balancer's security group on
 * 443, or 80 for the redirect. Checked on security groups (inline rules) and stand-alone ingress rules.
 */
export const publicIngressOnlyToLoadBalancer: ClaimRule = {
  id: 'TRANSIT2-PublicIngressOnlyToLoadBalancer',
  claims: ['TRANSIT-2'],
  info: 'A security group admits the whole internet, and it is not a load balancer on 443/80.',
  explanation:
    'TRANSIT-2: the load balancer alone faces the internet; services and the database are reachable only through the chain of security groups.',
  check: (node: CfnResource): NagRuleResult => {
    let group: CfnResource | undefined;
    let rules: Ingress[];
    if (node.cfnResourceType === 'AWS::EC2::SecurityGroup') {
      group = node;
      rules = asArray(cfnProperties(node).SecurityGroupIngress as Ingress[]);
    } else if (node.cfnResourceType === 'AWS::EC2::SecurityGroupIngress') {
      const rule = cfnProperties(node) as Ingress;
      rules = [rule];
      group = resourcesOfType(node, 'AWS::EC2::SecurityGroup').find((g) => refersTo(rule.GroupId, g));
    } else {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const open = rules.filter(isAnywhere);
    if (open.length === 0) return NagRuleCompliance.COMPLIANT;
    const onLoadBalancer =
      group !== undefined &&
      resourcesOfType(node, 'AWS::ElasticLoadBalancingV2::LoadBalancer').some((lb) =>
        asArray(cfnProperties(lb).SecurityGroups as unknown[]).some((sg) => refersTo(sg, group)),
      );
    return onLoadBalancer && open.every(isWebPort) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
