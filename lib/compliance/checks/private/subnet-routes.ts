import type { RouteProps, SubnetRouteTableAssociationProps } from '../../template/cfn/ec2';
import type { ModelResource, StageModel } from '../../template/stage-model';

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
 * The routes of `subnet`'s route tables that lead out of the VPC: to an internet, NAT, egress-only or transit
 * gateway. None: nothing in the subnet reaches, or is reached from, the internet (TRANSIT-2).
 */
export function internetExits(model: StageModel, subnet: ModelResource<unknown>): ModelResource<RouteProps>[] {
  const associations = model
    .ofType<SubnetRouteTableAssociationProps>('AWS::EC2::SubnetRouteTableAssociation')
    .filter((a) => model.resolve(a, a.props.SubnetId) === subnet);
  return model
    .ofType<RouteProps>('AWS::EC2::Route')
    .filter((r) => associations.some((a) => sameTable(model, a, a.props.RouteTableId, r, r.props.RouteTableId)))
    .filter(
      (r) =>
        r.props.GatewayId || r.props.NatGatewayId || r.props.EgressOnlyInternetGatewayId || r.props.TransitGatewayId,
    );
}
