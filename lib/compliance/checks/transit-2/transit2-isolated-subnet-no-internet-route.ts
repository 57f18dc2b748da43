import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { inStack, props, pointsAt } from '../resource-readers';
import { asArray } from '../../template/template-values';

/** The tag CDK puts on every subnet it creates, naming its tier. */
const SUBNET_TYPE_TAG = 'aws-cdk:subnet-type';

/**
 * TRANSIT-2: a subnet of the isolated (database) tier has no route to an internet gateway, NAT gateway, egress-only
 * gateway or transit gateway: nothing in it can reach, or be reached from, the internet.
 */
export const isolatedSubnetNoInternetRoute = resourceCheck({
  id: 'TRANSIT2-IsolatedSubnetNoInternetRoute',
  claims: ['TRANSIT-2'],
  failure: 'A subnet of the isolated tier has a route to an internet, NAT, egress-only or transit gateway.',
  description: 'TRANSIT-2: the database lives in subnets with no route to the internet in either direction.',
  evidenceProperties: ['AvailabilityZone', 'CidrBlock', 'Tags'],
  appliesTo: ofTypes('AWS::EC2::Subnet'),
  judge: (node) => {
    const tags = asArray(props(node).Tags as { Key?: string; Value?: string }[]);
    if (tags.find((t) => t.Key === SUBNET_TYPE_TAG)?.Value !== 'Isolated') return NOT_APPLICABLE;
    const tables = inStack(node, 'AWS::EC2::SubnetRouteTableAssociation')
      .map(props)
      .filter((a) => pointsAt(a.SubnetId, node))
      .map((a) => a.RouteTableId);
    const exits = inStack(node, 'AWS::EC2::Route')
      .map(props)
      .filter((r) => tables.some((t) => JSON.stringify(t) === JSON.stringify(r.RouteTableId)))
      .filter((r) => r.GatewayId || r.NatGatewayId || r.EgressOnlyInternetGatewayId || r.TransitGatewayId);
    return exits.length ? false : true;
  },
});
