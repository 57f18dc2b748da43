import type { CfnTag } from '../../template/cfn/common';
import type { RouteProps, SubnetProps, SubnetRouteTableAssociationProps } from '../../template/cfn/ec2';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

/** The tag CDK puts on every subnet it creates, naming its tier. */
const SUBNET_TYPE_TAG = 'aws-cdk:subnet-type';

/**
 * One route table, however it is written: the resource a reference resolves to, or else the value itself (a table
 * the model does not hold is compared as written).
 */
function sameTable(
  model: StageModel,
  a: ModelResource<unknown>,
  aValue: unknown,
  b: ModelResource<unknown>,
  bValue: unknown,
) {
  const resolved = model.resolve(a, aValue);
  return resolved ? resolved === model.resolve(b, bValue) : JSON.stringify(aValue) === JSON.stringify(bValue);
}

/**
 * TRANSIT-2: a subnet of the isolated (database) tier has no route to an internet gateway, NAT gateway, egress-only
 * gateway or transit gateway: nothing in it can reach, or be reached from, the internet.
 */
export const isolatedSubnetNoInternetRoute = modelResourceCheck<SubnetProps>({
  id: 'TRANSIT2-IsolatedSubnetNoInternetRoute',
  claims: ['TRANSIT-2'],
  failure: 'A subnet of the isolated tier has a route to an internet, NAT, egress-only or transit gateway.',
  description: 'TRANSIT-2: the database lives in subnets with no route to the internet in either direction.',
  evidenceProperties: ['AvailabilityZone', 'CidrBlock', 'Tags'],
  types: ['AWS::EC2::Subnet'],
  judge: (subnet, model) => {
    const tags = asArray<CfnTag>(subnet.props.Tags);
    if (tags.find((t) => t.Key === SUBNET_TYPE_TAG)?.Value !== 'Isolated') return NOT_APPLICABLE;
    const associations = model
      .ofType<SubnetRouteTableAssociationProps>('AWS::EC2::SubnetRouteTableAssociation')
      .filter((a) => model.resolve(a, a.props.SubnetId) === subnet);
    const exits = model
      .ofType<RouteProps>('AWS::EC2::Route')
      .filter((r) => associations.some((a) => sameTable(model, a, a.props.RouteTableId, r, r.props.RouteTableId)))
      .filter(
        (r) =>
          r.props.GatewayId || r.props.NatGatewayId || r.props.EgressOnlyInternetGatewayId || r.props.TransitGatewayId,
      );
    return exits.length ? false : true;
  },
});
