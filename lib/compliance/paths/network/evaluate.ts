import type {
  NetworkDestination,
  NetworkPathRequirement,
  NetworkSource,
} from '../../../core/requirements/paths/network';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { pathRecord, PathRecord } from '../path-record';
import { AddressSet, ALL_PORTS, describeAddresses, describePorts, Protocol } from './addresses';
import { keyOf, networkIndex, NetworkIndex } from './network-index';
import {
  databasePlacements,
  interfaceEndpointPlacements,
  loadBalancerPlacements,
  Placement,
  servicePlacements,
  sourcePlacements,
} from './placement';
import { Packet, PacketEnd, walkPacket } from './walk';

/** What the destination of a requirement is in a model: its port, its placements by zone, or outside the VPC. */
interface ResolvedDestination {
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number | 'any';
  readonly placements?: Map<string, Placement>;
  readonly outside?: Extract<PacketEnd, { kind: 'outside' }>;
  readonly listenerOf?: ModelResource;
  readonly interfaceEndpoint?: { service: string; endpoint?: ModelResource };
  readonly viaGatewayEndpoint?: boolean;
  readonly ownZoneNat?: boolean;
}

function internet(index: NetworkIndex, label = 'any internet host'): AddressSet {
  return { kind: 'outside', vpc: index.vpcCidr, label };
}

function resolveDestination(
  model: StageModel,
  index: NetworkIndex,
  destination: NetworkDestination,
): ResolvedDestination {
  switch (destination.kind) {
    case 'load-balancer': {
      const lb = model.theOne('load-balancer');
      return {
        name: 'the load balancer',
        protocol: 'tcp',
        port: destination.port,
        placements: loadBalancerPlacements(model),
        listenerOf: lb,
      };
    }
    case 'service-port': {
      const service = model.theOne('service');
      const mapping = (service.props.LoadBalancers as { ContainerPort?: unknown }[] | undefined)?.[0];
      const port = Number(mapping?.ContainerPort);
      if (!Number.isInteger(port))
        throw new Error(`the service ${keyOf(service)} maps no container port to a load balancer`);
      return { name: 'the service tasks', protocol: 'tcp', port, placements: servicePlacements(model) };
    }
    case 'database-port': {
      const cluster = model.theOne('database-cluster');
      const engine = model.text(cluster, cluster.props.Engine) ?? '';
      // Aurora's default port when Port is not set: 3306 for MySQL, 5432 for PostgreSQL.
      const port =
        cluster.props.Port !== undefined ? Number(cluster.props.Port) : engine.includes('mysql') ? 3306 : 5432;
      return { name: 'the database', protocol: 'tcp', port, placements: databasePlacements(model) };
    }
    case 'aws-service': {
      if (destination.via === 'gateway') {
        return {
          name: `${destination.service} (gateway endpoint)`,
          protocol: 'tcp',
          port: 443,
          outside: {
            kind: 'outside',
            addresses: internet(index, `the public ${destination.service} addresses`),
            gatewayService: destination.service,
          },
          viaGatewayEndpoint: true,
        };
      }
      const [endpoint] = index.interfaceEndpoints.get(destination.service) ?? [];
      return {
        name: `the ${destination.service} interface endpoint`,
        protocol: 'tcp',
        port: 443,
        placements: endpoint ? interfaceEndpointPlacements(model, endpoint) : new Map(),
        interfaceEndpoint: { service: destination.service, endpoint },
      };
    }
    case 'internet':
      return {
        name: 'any internet host',
        protocol: destination.port === 'any' ? 'all' : 'tcp',
        port: destination.port,
        outside: { kind: 'outside', addresses: internet(index) },
        ownZoneNat: destination.ownZoneNat,
      };
  }
}

const SOURCE_NAMES: Record<Exclude<NetworkSource['kind'], 'internet'>, string> = {
  'load-balancer': 'the load balancer',
  service: 'the service tasks',
  'dump-task': 'the dump task',
  'bootstrap-function': 'the bootstrap function',
  database: 'the database',
};

/** Every zone the VPC has a subnet in: per-zone paths are judged in each (HA-1 needs every tier in every zone). */
function vpcZones(model: StageModel, index: NetworkIndex): string[] {
  const zones = new Set<string>();
  for (const subnet of index.subnets.values()) {
    const vpc = model.resolve(subnet.resource, subnet.resource.props.VpcId);
    if (vpc && keyOf(vpc) === keyOf(index.vpc)) zones.add(subnet.zone);
  }
  return [...zones].sort();
}

/**
 * The records of one requirement on one model: one per zone of the VPC, source and destination taken in that zone
 * (a tier missing from a zone fails there), so that each record stands or falls with one zone.
 */
export function evaluateNetworkRequirement(model: StageModel, requirement: NetworkPathRequirement): PathRecord[] {
  const index = networkIndex(model);
  const destination = resolveDestination(model, index, requirement.destination);
  const ports = destination.port === 'any' ? ALL_PORTS : { from: destination.port, to: destination.port };
  const zones = vpcZones(model, index);
  if (zones.length === 0) throw new Error('the VPC has no subnet in the templates');
  let sourceName = 'any internet host';
  let placements: Map<string, Placement> | undefined;
  if (requirement.source.kind !== 'internet') {
    placements = sourcePlacements(model, requirement.source);
    sourceName = [...placements.values()][0]?.what ?? SOURCE_NAMES[requirement.source.kind];
  }
  const internetSource: PacketEnd = { kind: 'outside', addresses: internet(index) };
  return zones.map((zone) => {
    const placedSource = placements?.get(zone);
    const source: PacketEnd | undefined = placements
      ? placedSource && { kind: 'placed', placement: placedSource }
      : internetSource;
    const placed = destination.placements?.get(zone);
    const end: PacketEnd | undefined =
      destination.outside ?? (placed ? { kind: 'placed', placement: placed } : undefined);
    const packet: Packet = {
      zone,
      protocol: destination.protocol,
      ports,
      source,
      sourceName,
      destination: end,
      destinationName: destination.name,
      ownZoneNat: destination.ownZoneNat,
      viaGatewayEndpoint: destination.viaGatewayEndpoint,
      listenerOf: destination.listenerOf,
      interfaceEndpoint: destination.interfaceEndpoint,
    };
    const hops = walkPacket(model, index, requirement.expectation, packet);
    const to = end?.kind === 'outside' ? describeAddresses(end.addresses) : `${destination.name} in ${zone}`;
    const subject = `${describePorts(destination.protocol, ports)} from ${sourceName}${placements ? ` in ${zone}` : ''} to ${to}`;
    return pathRecord(model, requirement, 'network', subject, hops, zone);
  });
}
