import type { ModelResource, StageModel } from '../../template/stage-model';
import { AddressSet, Judgement, matchCidr, parseCidr } from './addresses';
import { keyOf, NetworkIndex, SubnetInfo } from './network-index';

export type RouteTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'internet-gateway'; readonly gateway?: ModelResource }
  | { readonly kind: 'nat-gateway'; readonly nat: ModelResource }
  | { readonly kind: 'gateway-endpoint'; readonly endpoint: ModelResource; readonly index: number }
  /** A route naming no target the templates resolve (or none at all): packets are dropped. */
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'other'; readonly property: string };

/** The route a subnet's table selects for a destination, and what decided it. */
export interface RouteChoice {
  readonly judgement: Judgement;
  readonly detail: string;
  readonly target?: RouteTarget;
  /** The subnet's explicit association (none: the VPC's main route table). */
  readonly association?: ModelResource;
  readonly table?: ModelResource;
  readonly route?: ModelResource;
}

export interface RouteDestination {
  readonly addresses: AddressSet;
  /** The AWS service whose gateway endpoint prefix list covers the destination (`s3`), if any. */
  readonly gatewayService?: string;
}

const OTHER_TARGETS = [
  'TransitGatewayId',
  'NetworkInterfaceId',
  'VpcPeeringConnectionId',
  'InstanceId',
  'VpcEndpointId',
  'CarrierGatewayId',
  'EgressOnlyInternetGatewayId',
  'LocalGatewayId',
  'CoreNetworkArn',
];

/**
 * Route selection as a VPC does it: the subnet's associated table (else the main table, which for a VPC declared in
 * CloudFormation holds only the local route), then the most specific route that matches. A gateway endpoint's
 * prefix-list route wins over 0.0.0.0/0 for the service's addresses.
 * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing
 */
export function selectRoute(
  model: StageModel,
  index: NetworkIndex,
  subnet: SubnetInfo,
  destination: RouteDestination,
): RouteChoice {
  const association = index.routeTableAssociation.get(keyOf(subnet.resource));
  const table = association ? model.resolve(association, association.props.RouteTableId) : undefined;
  const where = table
    ? `route table ${table.logicalId}`
    : `the main route table (${subnet.resource.logicalId} has no association)`;
  const base = { association: table ? association : undefined, table };
  if (table && destination.gatewayService) {
    const endpoint = (index.gatewayEndpointsOfTable.get(keyOf(table)) ?? []).find(
      (e) => serviceOf(model, e.endpoint) === destination.gatewayService,
    );
    if (endpoint) {
      return {
        ...base,
        judgement: 'yes',
        detail: `${where}: the ${destination.gatewayService} prefix-list route of gateway endpoint ${endpoint.endpoint.logicalId}`,
        target: { kind: 'gateway-endpoint', ...endpoint },
      };
    }
  }
  let best: { prefix: number; route?: ModelResource } | undefined;
  let partial: ModelResource | undefined;
  if (matchCidr(index.vpcCidr, destination.addresses) === 'full') best = { prefix: index.vpcCidr.prefix };
  for (const route of table ? (index.routesOfTable.get(keyOf(table)) ?? []) : []) {
    const cidr = parseCidr(model.text(route, route.props.DestinationCidrBlock));
    if (!cidr) continue;
    const m = matchCidr(cidr, destination.addresses);
    if (m === 'partial') partial ??= route;
    if (m === 'full' && (!best || cidr.prefix > best.prefix)) best = { prefix: cidr.prefix, route };
  }
  // A more specific route that covers only part of the destination sends some packets elsewhere.
  if (partial && (!best || partialIsMoreSpecific(model, partial, best.prefix))) {
    return {
      ...base,
      judgement: 'unknown',
      detail: `${where}: route ${partial.logicalId} covers only part of the destination`,
      route: partial,
    };
  }
  if (!best) return { ...base, judgement: 'no', detail: `${where}: no route matches` };
  if (!best.route)
    return {
      ...base,
      judgement: 'yes',
      detail: `${where}: local route ${index.vpcCidr.text}`,
      target: { kind: 'local' },
    };
  const target = targetOf(model, best.route);
  return {
    ...base,
    judgement: target.kind === 'blackhole' ? 'no' : 'yes',
    detail: `${where}: ${String(best.route.props.DestinationCidrBlock)} -> ${describeTarget(target)} (${best.route.logicalId})`,
    route: best.route,
    target,
  };
}

function partialIsMoreSpecific(model: StageModel, route: ModelResource, prefix: number): boolean {
  const cidr = parseCidr(model.text(route, route.props.DestinationCidrBlock));
  return !!cidr && cidr.prefix > prefix;
}

function targetOf(model: StageModel, route: ModelResource): RouteTarget {
  if (route.props.NatGatewayId !== undefined) {
    const nat = model.resolve(route, route.props.NatGatewayId);
    return nat?.type === 'AWS::EC2::NatGateway' ? { kind: 'nat-gateway', nat } : { kind: 'blackhole' };
  }
  if (route.props.GatewayId !== undefined) {
    const gateway = model.resolve(route, route.props.GatewayId);
    if (gateway?.type === 'AWS::EC2::InternetGateway') return { kind: 'internet-gateway', gateway };
    const text = model.text(route, route.props.GatewayId);
    return text?.startsWith('igw-') ? { kind: 'internet-gateway' } : { kind: 'other', property: 'GatewayId' };
  }
  const other = OTHER_TARGETS.find((p) => route.props[p] !== undefined);
  return other ? { kind: 'other', property: other } : { kind: 'blackhole' };
}

export function describeTarget(target: RouteTarget): string {
  switch (target.kind) {
    case 'local':
      return 'local';
    case 'internet-gateway':
      return `internet gateway ${target.gateway?.logicalId ?? '(outside the templates)'}`;
    case 'nat-gateway':
      return `NAT gateway ${target.nat.logicalId}`;
    case 'gateway-endpoint':
      return `gateway endpoint ${target.endpoint.logicalId}`;
    case 'blackhole':
      return 'no target (blackhole)';
    case 'other':
      return `a ${target.property} target`;
  }
}

/** The endpoint service suffix of an endpoint (`s3`). */
export function serviceOf(model: StageModel, endpoint: ModelResource): string | undefined {
  const name = model.text(endpoint, endpoint.props.ServiceName);
  return name?.split('.').slice(3).join('.') || undefined;
}
