import type { LocatedResource } from '../../template/platform-assembly';
import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { inStack, props, pointsAt } from '../resource-readers';
import { asArray } from '../../template/template-values';

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
export const publicIngressOnlyToLoadBalancer = resourceCheck({
  id: 'TRANSIT2-PublicIngressOnlyToLoadBalancer',
  claims: ['TRANSIT-2'],
  failure: 'A security group admits the whole internet, and it is not a load balancer on 443/80.',
  description:
    'TRANSIT-2: the load balancer alone faces the internet; services and the database are reachable only through the chain of security groups.',
  appliesTo: ofTypes('AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'),
  judge: (node) => {
    let group: LocatedResource | undefined;
    let rules: Ingress[];
    if (node.type === 'AWS::EC2::SecurityGroup') {
      group = node;
      rules = asArray(props(node).SecurityGroupIngress as Ingress[]);
    } else if (node.type === 'AWS::EC2::SecurityGroupIngress') {
      const rule = props(node) as Ingress;
      rules = [rule];
      group = inStack(node, 'AWS::EC2::SecurityGroup').find((g) => pointsAt(rule.GroupId, g));
    } else {
      return NOT_APPLICABLE;
    }
    const open = rules.filter(isAnywhere);
    if (open.length === 0) return true;
    const onLoadBalancer =
      group !== undefined &&
      inStack(node, 'AWS::ElasticLoadBalancingV2::LoadBalancer').some((lb) =>
        asArray(props(lb).SecurityGroups as unknown[]).some((sg) => pointsAt(sg, group)),
      );
    return onLoadBalancer && open.every(isWebPort) ? true : false;
  },
});
