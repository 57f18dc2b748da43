import { OPT_OUTS } from '../../../core/opt-outs';
import { platformMetadataOf } from '../../../core/platform-metadata';
import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord, TemplateMutation } from '../path-record';
import {
  AddressSet,
  describeAddresses,
  describePorts,
  EPHEMERAL_PORTS,
  Judgement,
  PortRange,
  Protocol,
} from './addresses';
import {
  groupMutations,
  interfaceEndpointMutations,
  internetGatewayMutations,
  listenerMutations,
  natMutations,
  natZone,
  naclMutations,
  placementMutations,
  publicIpMutations,
  routeMutations,
  RouteWanted,
} from './hop-mutations';
import { evaluateNacl, NaclQuery } from './nacls';
import { keyOf, NetworkIndex, SubnetInfo } from './network-index';
import type { Placement } from './placement';
import { RouteChoice, RouteDestination, selectRoute } from './routes';
import { evaluateGroups, GroupQuery } from './security-groups';

/** A hop of a network path, with the zone of the resource that decided it (none for regional resources). */
export interface NetworkHopRecord extends HopRecord {
  readonly zone?: string;
}

/** One end of a packet: placed in a subnet with groups, or outside the VPC. */
export type PacketEnd =
  | { readonly kind: 'placed'; readonly placement: Placement }
  | { readonly kind: 'outside'; readonly addresses: AddressSet; readonly gatewayService?: string };

export interface Packet {
  readonly zone: string;
  readonly protocol: Protocol;
  readonly ports: PortRange;
  /** Undefined when the source has nothing in the packet's zone. */
  readonly source: PacketEnd | undefined;
  /** What the source is, for a source missing in the zone. */
  readonly sourceName: string;
  /** Undefined when the destination has nothing in the packet's zone. */
  readonly destination: PacketEnd | undefined;
  /** What the destination is, for a destination missing in the zone. */
  readonly destinationName: string;
  readonly ownZoneNat?: boolean;
  readonly viaGatewayEndpoint?: boolean;
  /** The load balancer whose listener must take the port. */
  readonly listenerOf?: ModelResource;
  /** The interface endpoint service the packet needs (its endpoint, when there is one). */
  readonly interfaceEndpoint?: { readonly service: string; readonly endpoint?: ModelResource };
}

type Verdict = 'pass' | 'block';

/** Collects hops; a judgement the evaluator cannot make fails closed for the expectation at hand. */
class Walk {
  readonly hops: NetworkHopRecord[] = [];
  constructor(
    readonly model: StageModel,
    readonly index: NetworkIndex,
    readonly expectation: 'required' | 'forbidden',
  ) {}

  add(
    hop: string,
    judgement: Judgement,
    detail: string,
    at: { resource?: ModelResource; property?: string; zone?: string },
    mutations: (verdict: Verdict) => TemplateMutation[],
  ): Verdict {
    const verdict: Verdict =
      judgement === 'yes' ? 'pass' : judgement === 'no' ? 'block' : this.expectation === 'required' ? 'block' : 'pass';
    const text = judgement === 'unknown' ? `${detail} (cannot be judged from the templates)` : detail;
    const generated = mutations(verdict);
    this.hops.push({
      hop,
      verdict,
      detail: text,
      resource: at.resource?.ref,
      property: at.property,
      zone: at.zone,
      mutations: generated,
      ...(generated.length === 0 ? { unmutable: unmutableReason(detail) } : {}),
    });
    return verdict;
  }

  nacl(subnet: SubnetInfo, query: NaclQuery, leg: 'request' | 'response'): void {
    const decision = evaluateNacl(this.index, subnet, query);
    const towards = query.direction === 'outbound' ? 'to' : 'from';
    const packet = `${leg} ${describePorts(query.protocol, query.ports)} ${towards} ${describeAddresses(query.peer)}`;
    this.add(
      `network-acl-${query.direction}`,
      decision.judgement,
      `${subnet.resource.logicalId} ${query.direction} ${packet}: ${decision.detail}`,
      {
        resource: decision.entry ?? decision.association ?? subnet.resource,
        property: decision.entry ? 'RuleAction' : decision.association ? 'NetworkAclId' : undefined,
        zone: subnet.zone,
      },
      (v) => naclMutations(this.index, subnet, decision, query, v),
    );
  }

  groups(placement: Placement, query: GroupQuery): void {
    const decision = evaluateGroups(this.index, placement.groups, placement.unknownGroups, query);
    const rule = decision.allowing[0];
    this.add(
      `security-group-${query.direction}`,
      decision.judgement,
      `${placement.what} ${query.direction} ${describePorts(query.protocol, query.ports)} ${query.direction === 'egress' ? 'to' : 'from'} ${describeAddresses(query.peer)}: ${decision.detail}`,
      {
        resource: decision.defaultEgress ?? rule?.resource ?? placement.groups[0],
        property:
          rule?.index !== undefined
            ? `${query.direction === 'egress' ? 'SecurityGroupEgress' : 'SecurityGroupIngress'}[${rule.index}]`
            : undefined,
      },
      (v) => groupMutations(this.index, placement.groups, decision, query, v),
    );
  }

  route(
    hop: string,
    subnet: SubnetInfo,
    choice: RouteChoice,
    judgement: Judgement,
    detail: string,
    wanted: RouteWanted,
  ): void {
    this.add(
      hop,
      judgement,
      detail,
      {
        resource: choice.route ?? choice.table ?? subnet.resource,
        property: choice.route ? 'DestinationCidrBlock' : 'RouteTableId',
        zone: subnet.zone,
      },
      (v) => routeMutations(this.model, this.index, choice, wanted, v),
    );
  }

  internetGateway(): void {
    const [attachment] = this.index.internetGatewayAttachment.values();
    this.add(
      'internet-gateway',
      attachment ? 'yes' : 'no',
      attachment
        ? `an internet gateway is attached to the VPC (${attachment.logicalId})`
        : 'no internet gateway is attached to the VPC',
      { resource: attachment, property: 'InternetGatewayId' },
      (v) => internetGatewayMutations(attachment, v),
    );
  }

  publicIp(placement: Placement): void {
    const ip = placement.publicIp;
    this.add(
      'public-ip',
      ip.has,
      `${placement.what}: ${ip.detail}`,
      { resource: ip.at?.resource ?? placement.owner, property: ip.at?.path.slice(1).join('.'), zone: placement.zone },
      (v) => publicIpMutations(ip, v),
    );
  }
}

function sameResource(a: ModelResource | undefined, b: ModelResource): boolean {
  return !!a && keyOf(a) === keyOf(b);
}

/** The hops of a packet, in the order AWS meets them. */
export function walkPacket(
  model: StageModel,
  index: NetworkIndex,
  expectation: 'required' | 'forbidden',
  packet: Packet,
): NetworkHopRecord[] {
  const walk = new Walk(model, index, expectation);
  const { source, destination } = packet;
  if (!source) {
    walk.add(
      'placement',
      'no',
      `${packet.sourceName} has no subnet in ${packet.zone}`,
      { zone: packet.zone },
      () => [],
    );
    return walk.hops;
  }
  if (source.kind === 'placed') {
    const p = source.placement;
    walk.add(
      'placement',
      'yes',
      `${p.what} in ${p.subnet.resource.logicalId} (${p.zone})`,
      { resource: p.subnetEntry.resource, property: p.subnetEntry.path.slice(1).join('.'), zone: p.zone },
      (v) => placementMutations(p, v),
    );
  }
  if (packet.interfaceEndpoint) interfaceEndpointHop(walk, packet.interfaceEndpoint);
  if (!destination) {
    walk.add(
      'destination-placement',
      'no',
      `${packet.destinationName} has no subnet in ${packet.zone}`,
      { zone: packet.zone },
      () => [],
    );
    return walk.hops;
  }
  if (destination.kind === 'placed') {
    const d = destination.placement;
    walk.add(
      'destination-placement',
      'yes',
      `${d.what} in ${d.subnet.resource.logicalId} (${d.zone})`,
      { resource: d.subnetEntry.resource, property: d.subnetEntry.path.slice(1).join('.'), zone: d.zone },
      (v) => placementMutations(d, v),
    );
  }
  if (packet.listenerOf) listenerHop(walk, packet.listenerOf, packet.ports.from);
  if (source.kind === 'outside' && destination.kind === 'placed') inbound(walk, packet, source, destination.placement);
  else if (source.kind === 'placed' && destination.kind === 'placed')
    inside(walk, packet, source.placement, destination.placement);
  else if (source.kind === 'placed' && destination.kind === 'outside')
    outbound(walk, packet, source.placement, destination);
  else walk.add('placement', 'no', 'a packet from outside the VPC to outside the VPC does not cross it', {}, () => []);
  return walk.hops;
}

function interfaceEndpointHop(walk: Walk, needed: NonNullable<Packet['interfaceEndpoint']>): void {
  const { endpoint, service } = needed;
  const vpc = walk.index.vpc;
  const privateDns = endpoint?.props.PrivateDnsEnabled === true;
  const dnsSupport = vpc.props.EnableDnsSupport !== false && vpc.props.EnableDnsSupport !== 'false';
  const dnsHostnames = vpc.props.EnableDnsHostnames === true || vpc.props.EnableDnsHostnames === 'true';
  // Private DNS needs the VPC's DNS support and hostnames; without it the service's public name resolves to public
  // addresses and the request takes the default route instead of the endpoint.
  // https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns
  const ok = !!endpoint && privateDns && dnsSupport && dnsHostnames;
  const detail = !endpoint
    ? `no interface endpoint for ${service}`
    : `${endpoint.logicalId}: PrivateDnsEnabled ${String(endpoint.props.PrivateDnsEnabled ?? false)}, VPC EnableDnsSupport ${String(dnsSupport)}, EnableDnsHostnames ${String(dnsHostnames)}${ok ? '' : ': the public name goes the default route, not the endpoint'}`;
  walk.add(
    'interface-endpoint',
    ok ? 'yes' : 'no',
    detail,
    { resource: endpoint, property: 'PrivateDnsEnabled' },
    (v) => interfaceEndpointMutations(endpoint, vpc, v),
  );
}

function listenerHop(walk: Walk, lb: ModelResource, port: number): void {
  const listener = walk.model
    .ofType('AWS::ElasticLoadBalancingV2::Listener')
    .find((l) => sameResource(walk.model.resolve(l, l.props.LoadBalancerArn), lb) && Number(l.props.Port) === port);
  walk.add(
    'listener',
    listener ? 'yes' : 'no',
    listener ? `${listener.logicalId} listens on ${port}` : `no listener of ${lb.logicalId} on ${port}`,
    { resource: listener ?? lb, property: 'Port' },
    (v) => listenerMutations(listener, port, v),
  );
}

/** From the internet to a public address in the VPC: the gateway, the return route, ACLs and groups. */
function inbound(walk: Walk, packet: Packet, source: Extract<PacketEnd, { kind: 'outside' }>, d: Placement): void {
  walk.publicIp(d);
  walk.internetGateway();
  const back = selectRoute(walk.model, walk.index, d.subnet, { addresses: source.addresses });
  const viaIgw = back.target?.kind === 'internet-gateway';
  // Responses leave by the subnet's route: through a NAT gateway they are dropped (it opened no such connection).
  walk.route(
    'return-route',
    d.subnet,
    back,
    viaIgw ? 'yes' : back.judgement === 'unknown' ? 'unknown' : 'no',
    `responses from ${d.subnet.resource.logicalId}: ${back.detail}`,
    { want: 'internet-gateway' },
  );
  walk.nacl(
    d.subnet,
    { direction: 'inbound', protocol: packet.protocol, ports: packet.ports, peer: source.addresses },
    'request',
  );
  walk.groups(d, {
    direction: 'ingress',
    protocol: packet.protocol,
    ports: packet.ports,
    peer: source.addresses,
    peerGroups: [],
  });
  walk.nacl(
    d.subnet,
    { direction: 'outbound', protocol: packet.protocol, ports: EPHEMERAL_PORTS, peer: source.addresses },
    'response',
  );
}

/** Between two placements of the VPC: the local route, both groups, and the ACLs of both subnets both ways. */
function inside(walk: Walk, packet: Packet, s: Placement, d: Placement): void {
  const choice = selectRoute(walk.model, walk.index, s.subnet, { addresses: d.address });
  const local = choice.target?.kind === 'local';
  walk.route(
    'route',
    s.subnet,
    choice,
    local ? 'yes' : choice.judgement === 'unknown' ? 'unknown' : 'no',
    choice.detail,
    { want: 'local' },
  );
  walk.groups(s, {
    direction: 'egress',
    protocol: packet.protocol,
    ports: packet.ports,
    peer: d.address,
    peerGroups: d.groups,
  });
  const crosses = keyOf(s.subnet.resource) !== keyOf(d.subnet.resource);
  // Network ACLs judge traffic entering or leaving a subnet, not traffic inside one.
  if (crosses) {
    walk.nacl(
      s.subnet,
      { direction: 'outbound', protocol: packet.protocol, ports: packet.ports, peer: d.address },
      'request',
    );
    walk.nacl(
      d.subnet,
      { direction: 'inbound', protocol: packet.protocol, ports: packet.ports, peer: s.address },
      'request',
    );
  }
  walk.groups(d, {
    direction: 'ingress',
    protocol: packet.protocol,
    ports: packet.ports,
    peer: s.address,
    peerGroups: s.groups,
  });
  if (crosses) {
    walk.nacl(
      d.subnet,
      { direction: 'outbound', protocol: packet.protocol, ports: EPHEMERAL_PORTS, peer: s.address },
      'response',
    );
    walk.nacl(
      s.subnet,
      { direction: 'inbound', protocol: packet.protocol, ports: EPHEMERAL_PORTS, peer: d.address },
      'response',
    );
  }
}

/** From a placement to outside the VPC: the route (gateway endpoint, NAT of which zone, or internet gateway). */
function outbound(walk: Walk, packet: Packet, s: Placement, d: Extract<PacketEnd, { kind: 'outside' }>): void {
  const destination: RouteDestination = { addresses: d.addresses, gatewayService: d.gatewayService };
  const choice = selectRoute(walk.model, walk.index, s.subnet, destination);
  const target = choice.target?.kind;
  if (packet.viaGatewayEndpoint) {
    const ok = target === 'gateway-endpoint';
    walk.route(
      'route',
      s.subnet,
      choice,
      ok ? 'yes' : choice.judgement === 'unknown' ? 'unknown' : 'no',
      ok ? choice.detail : `${choice.detail}: not the ${d.gatewayService ?? ''} gateway endpoint`,
      { want: 'gateway-endpoint' },
    );
  } else {
    const ok = target === 'nat-gateway' || target === 'internet-gateway';
    walk.route(
      'route',
      s.subnet,
      choice,
      ok ? 'yes' : choice.judgement === 'unknown' ? 'unknown' : 'no',
      choice.detail,
      { want: 'nat-gateway', natZone: packet.ownZoneNat ? s.zone : undefined },
    );
  }
  walk.groups(s, {
    direction: 'egress',
    protocol: packet.protocol,
    ports: packet.ports,
    peer: d.addresses,
    peerGroups: [],
  });
  walk.nacl(
    s.subnet,
    { direction: 'outbound', protocol: packet.protocol, ports: packet.ports, peer: d.addresses },
    'request',
  );
  walk.nacl(
    s.subnet,
    { direction: 'inbound', protocol: packet.protocol, ports: EPHEMERAL_PORTS, peer: d.addresses },
    'response',
  );
  if (packet.viaGatewayEndpoint) return;
  if (choice.target?.kind === 'nat-gateway') natHops(walk, packet, s, d, choice.target.nat);
  else if (choice.target?.kind === 'internet-gateway') {
    walk.publicIp(s);
    walk.internetGateway();
  }
}

/** Through a NAT gateway: which zone it stands in, its subnet's ACLs both ways, its subnet's route to the internet. */
function natHops(
  walk: Walk,
  packet: Packet,
  s: Placement,
  d: Extract<PacketEnd, { kind: 'outside' }>,
  nat: ModelResource,
): void {
  const { model, index } = walk;
  const zone = natZone(model, index, nat);
  const isPublic = model.text(nat, nat.props.ConnectivityType) !== 'private' && nat.props.AllocationId !== undefined;
  const sameZone = zone === s.zone;
  const optOut = platformMetadataOf(nat.stack.template)?.optOuts[OPT_OUTS.natGateways.key];
  const optedOut = OPT_OUTS.natGateways.isTaken(optOut);
  const zoneOk = !packet.ownZoneNat || sameZone || optedOut;
  const zoneText = sameZone
    ? `in ${zone ?? 'an unknown zone'}, the source's zone`
    : `in ${zone ?? 'an unknown zone'}, not the source's zone ${s.zone}${packet.ownZoneNat ? (optedOut ? ` (${OPT_OUTS.natGateways.configPath} = ${String(optOut)}: HA-1 weakened, losing ${zone ?? 'that zone'} cuts this egress)` : ': losing that zone cuts this egress') : ''}`;
  const detail = `NAT gateway ${nat.logicalId} ${zoneText}; ${isPublic ? 'public (ConnectivityType public, an Elastic IP)' : 'private or without an Elastic IP: no internet'}`;
  walk.add(
    'nat-gateway',
    isPublic && zoneOk ? 'yes' : 'no',
    detail,
    { resource: nat, property: 'SubnetId', zone },
    (v) => natMutations(model, index, nat, packet.ownZoneNat ? s.zone : undefined, v),
  );
  const natSubnetResource = model.resolve(nat, nat.props.SubnetId);
  const natSubnet = natSubnetResource && index.subnets.get(keyOf(natSubnetResource));
  if (!natSubnet) {
    walk.add('nat-route', 'no', `the subnet of ${nat.logicalId} is not in the templates`, { resource: nat }, () => []);
    return;
  }
  walk.nacl(
    natSubnet,
    { direction: 'inbound', protocol: packet.protocol, ports: packet.ports, peer: s.address },
    'request',
  );
  walk.nacl(
    natSubnet,
    { direction: 'outbound', protocol: packet.protocol, ports: packet.ports, peer: d.addresses },
    'request',
  );
  walk.nacl(
    natSubnet,
    { direction: 'inbound', protocol: packet.protocol, ports: EPHEMERAL_PORTS, peer: d.addresses },
    'response',
  );
  walk.nacl(
    natSubnet,
    { direction: 'outbound', protocol: packet.protocol, ports: EPHEMERAL_PORTS, peer: s.address },
    'response',
  );
  const choice = selectRoute(model, index, natSubnet, { addresses: d.addresses });
  const viaIgw = choice.target?.kind === 'internet-gateway';
  walk.route(
    'nat-route',
    natSubnet,
    choice,
    viaIgw ? 'yes' : choice.judgement === 'unknown' ? 'unknown' : 'no',
    `the NAT's subnet ${natSubnet.resource.logicalId}: ${choice.detail}`,
    { want: 'internet-gateway' },
  );
  walk.internetGateway();
}

/** Why a hop has no mutation, for the hops no single template property can flip; undefined for any other. */
function unmutableReason(detail: string): string | undefined {
  if (detail.includes('local route')) {
    return "the VPC's local route is implicit: no template property removes it, and no route may be more specific within the VPC";
  }
  if (detail.includes('default network ACL')) {
    return "the subnet uses the VPC's default network ACL, which allows all, and no ACL of the templates would deny this packet";
  }
  return undefined;
}
