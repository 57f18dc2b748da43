import type { SecurityGroupProps, SecurityGroupRule, SecurityGroupRuleProps } from '../../template/cfn/ec2';
import type { LoadBalancerProps } from '../../template/cfn/elbv2';
import type { ModelResource } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

const isAnywhere = (r: SecurityGroupRule) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0';
const isWebPort = (r: SecurityGroupRule) =>
  r.IpProtocol === 'tcp' && r.FromPort === r.ToPort && (Number(r.FromPort) === 443 || Number(r.FromPort) === 80);

/** A security group, or a stand-alone ingress rule: each reads only its own fields. */
type GroupOrIngressProps = SecurityGroupProps & SecurityGroupRuleProps;

/**
 * TRANSIT-2: the only ingress from the whole internet (0.0.0.0/0, ::/0) is to a load balancer's security group on
 * 443, or 80 for the redirect. Checked on security groups (inline rules) and stand-alone ingress rules.
 */
export const publicIngressOnlyToLoadBalancer = modelResourceCheck<GroupOrIngressProps>({
  id: 'TRANSIT2-PublicIngressOnlyToLoadBalancer',
  claims: ['TRANSIT-2'],
  failure: 'A security group admits the whole internet, and it is not a load balancer on 443/80.',
  description:
    'TRANSIT-2: the load balancer alone faces the internet; services and the database are reachable only through the chain of security groups.',
  types: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  judge: (node, model) => {
    let group: ModelResource<unknown> | undefined;
    let rules: SecurityGroupRule[];
    if (node.type === 'AWS::EC2::SecurityGroup') {
      group = node;
      rules = asArray<SecurityGroupRule>(node.props.SecurityGroupIngress);
    } else if (node.type === 'AWS::EC2::SecurityGroupIngress') {
      rules = [node.props];
      const target = model.resolve(node, node.props.GroupId);
      group = target?.type === 'AWS::EC2::SecurityGroup' ? target : undefined;
    } else {
      return NOT_APPLICABLE;
    }
    const open = rules.filter(isAnywhere);
    if (open.length === 0) return true;
    const onLoadBalancer =
      group !== undefined &&
      model
        .ofType<LoadBalancerProps>('AWS::ElasticLoadBalancingV2::LoadBalancer')
        .some((lb) => model.resolveAll(lb, lb.props.SecurityGroups).some((sg) => sg === group));
    return onLoadBalancer && open.every(isWebPort) ? true : false;
  },
});
