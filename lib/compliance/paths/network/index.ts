import { NETWORK_PATH_REQUIREMENTS, NetworkPathRequirement } from '../../../core/requirements/paths/network';
import type { PathKind } from '../path-record';
import { evaluateNetworkRequirement } from './evaluate';

export type { NetworkHopRecord } from './walk';
export * from './zone-loss';

/**
 * Network paths: a packet from a source to a destination through subnets, route tables (longest prefix), NAT
 * gateways per zone, gateway and interface endpoints, security groups and network ACLs both ways and public IPs.
 */
export const NETWORK_PATHS: PathKind<NetworkPathRequirement> = {
  kind: 'network',
  title: 'Network',
  requirements: NETWORK_PATH_REQUIREMENTS,
  evaluate: evaluateNetworkRequirement,
};
