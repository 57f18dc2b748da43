import type { NetworkSource } from '../../../core/requirements/paths/network';
import type { ModelResource, StageModel } from '../../template/stage-model';
import type { AddressSet, Judgement } from './addresses';
import { keyOf, networkIndex, SubnetInfo } from './network-index';

/** A property of a resource, where AWS reads it (for details and mutations). */
export interface PropertyAt {
  readonly resource: ModelResource;
  readonly path: readonly (string | number)[];
}

/** Whether an endpoint of the path has a public IPv4 address, and the property that decides it. */
export interface PublicIp {
  readonly has: Judgement;
  readonly detail: string;
  /** Where the decision is read, with the values that turn it on and off; absent when no property decides it. */
  readonly at?: PropertyAt & { readonly on: unknown; readonly off: unknown };
}

/** Where a source or destination stands in one zone: its subnet, security groups and public IP. */
export interface Placement {
  /** In words: "the service tasks". */
  readonly what: string;
  readonly owner: ModelResource;
  readonly zone: string;
  readonly subnet: SubnetInfo;
  /** The subnet's entry in the owner's subnet list. */
  readonly subnetEntry: PropertyAt;
  /** Every subnet entry of the list in this zone (removing all of them takes the owner out of the zone). */
  readonly entriesInZone: number;
  readonly groups: readonly ModelResource[];
  /** Groups named but not in the templates, or none named (the VPC's default group, which the templates do not show). */
  readonly unknownGroups: boolean;
  readonly groupsAt: PropertyAt;
  readonly publicIp: PublicIp;
  readonly address: AddressSet;
}

/** How a placed thing is configured: its subnet list, its groups and its public IP. */
interface PlacementConfig {
  readonly what: string;
  readonly owner: ModelResource;
  readonly subnets: PropertyAt & { readonly from: ModelResource; readonly values: unknown };
  readonly groups: PropertyAt & { readonly values: unknown };
  readonly publicIp: (zone: string) => PublicIp;
}

/** The placement of a configured thing in each zone it uses, by zone (the first subnet of a zone stands for it). */
function placementsOf(model: StageModel, config: PlacementConfig): Map<string, Placement> {
  const index = networkIndex(model);
  const subnetValues = Array.isArray(config.subnets.values) ? (config.subnets.values as unknown[]) : [];
  const groupValues = Array.isArray(config.groups.values) ? (config.groups.values as unknown[]) : [];
  const groups = model.resolveAll(config.owner, groupValues);
  const placements = new Map<string, Placement>();
  const counts = new Map<string, number>();
  const subnets = subnetValues.map((v) => {
    const s = model.resolve(config.subnets.from, v);
    return s ? index.subnets.get(keyOf(s)) : undefined;
  });
  for (const s of subnets) if (s) counts.set(s.zone, (counts.get(s.zone) ?? 0) + 1);
  subnets.forEach((subnet, i) => {
    if (!subnet || placements.has(subnet.zone)) return;
    placements.set(subnet.zone, {
      what: config.what,
      owner: config.owner,
      zone: subnet.zone,
      subnet,
      subnetEntry: { resource: config.subnets.resource, path: [...config.subnets.path, i] },
      entriesInZone: counts.get(subnet.zone) ?? 1,
      groups,
      unknownGroups: groups.length === 0 || groups.length < groupValues.length,
      groupsAt: config.groups,
      publicIp: config.publicIp(subnet.zone),
      address: subnet.cidr ? { kind: 'cidr', cidr: subnet.cidr } : { kind: 'cidr', cidr: index.vpcCidr },
    });
  });
  return new Map([...placements.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

type Props = Record<string, unknown>;
const obj = (v: unknown): Props => (v && typeof v === 'object' ? (v as Props) : {});

/** An awsvpc configuration (ECS service or a scheduled task): AssignPublicIp decides the public IP. */
function awsvpcPlacements(
  model: StageModel,
  owner: ModelResource,
  what: string,
  path: string[],
): Map<string, Placement> {
  const cfg = path.reduce((v, k) => obj(v[k]), owner.props);
  const at = ['Properties', ...path];
  const assign = model.text(owner, cfg.AssignPublicIp) ?? 'DISABLED';
  return placementsOf(model, {
    what,
    owner,
    subnets: { resource: owner, from: owner, path: [...at, 'Subnets'], values: cfg.Subnets },
    groups: { resource: owner, path: [...at, 'SecurityGroups'], values: cfg.SecurityGroups },
    publicIp: () => ({
      has: assign === 'ENABLED' ? 'yes' : 'no',
      detail: `AssignPublicIp ${assign}`,
      at: { resource: owner, path: [...at, 'AssignPublicIp'], on: 'ENABLED', off: 'DISABLED' },
    }),
  });
}

export function loadBalancerPlacements(model: StageModel): Map<string, Placement> {
  const lb = model.theOne('load-balancer');
  const scheme = model.text(lb, lb.props.Scheme) ?? 'internet-facing';
  return placementsOf(model, {
    what: 'the load balancer',
    owner: lb,
    subnets: { resource: lb, from: lb, path: ['Properties', 'Subnets'], values: lb.props.Subnets },
    groups: { resource: lb, path: ['Properties', 'SecurityGroups'], values: lb.props.SecurityGroups },
    // An internet-facing load balancer's nodes get public addresses whatever the subnet's MapPublicIpOnLaunch.
    publicIp: () => ({
      has: scheme === 'internet-facing' ? 'yes' : 'no',
      detail: `Scheme ${scheme}`,
      at: { resource: lb, path: ['Properties', 'Scheme'], on: 'internet-facing', off: 'internal' },
    }),
  });
}

export function servicePlacements(model: StageModel): Map<string, Placement> {
  return awsvpcPlacements(model, model.theOne('service'), 'the service tasks', [
    'NetworkConfiguration',
    'AwsvpcConfiguration',
  ]);
}

export function dumpTaskPlacements(model: StageModel): Map<string, Placement> {
  return awsvpcPlacements(model, model.theOne('dump-schedule'), 'the dump task', [
    'Target',
    'EcsParameters',
    'NetworkConfiguration',
    'AwsvpcConfiguration',
  ]);
}

export function bootstrapPlacements(model: StageModel): Map<string, Placement> {
  const fn = model.theOne('bootstrap-function');
  const vpcConfig = obj(fn.props.VpcConfig);
  return placementsOf(model, {
    what: 'the bootstrap function',
    owner: fn,
    subnets: { resource: fn, from: fn, path: ['Properties', 'VpcConfig', 'SubnetIds'], values: vpcConfig.SubnetIds },
    groups: { resource: fn, path: ['Properties', 'VpcConfig', 'SecurityGroupIds'], values: vpcConfig.SecurityGroupIds },
    // Lambda's network interfaces in a VPC never have a public IP; the internet is reached through a NAT only.
    publicIp: () => ({ has: 'no', detail: 'a Lambda function in a VPC has no public IP' }),
  });
}

export function databasePlacements(model: StageModel): Map<string, Placement> {
  const cluster = model.theOne('database-cluster');
  const subnetGroup = model.resolve(cluster, cluster.props.DBSubnetGroupName);
  if (!subnetGroup) throw new Error(`the database cluster ${keyOf(cluster)} has no DB subnet group in the templates`);
  const instances = networkIndex(model).instancesOfCluster.get(keyOf(cluster)) ?? [];
  return placementsOf(model, {
    what: 'the database',
    owner: cluster,
    subnets: {
      resource: subnetGroup,
      from: subnetGroup,
      path: ['Properties', 'SubnetIds'],
      values: subnetGroup.props.SubnetIds,
    },
    groups: {
      resource: cluster,
      path: ['Properties', 'VpcSecurityGroupIds'],
      values: cluster.props.VpcSecurityGroupIds,
    },
    publicIp: (zone) => databasePublicIp(model, instances, zone),
  });
}

/** The cluster's instance in the zone (any when none names a zone) decides with PubliclyAccessible. */
function databasePublicIp(model: StageModel, instances: readonly ModelResource[], zone: string): PublicIp {
  const inZone = instances.filter((i) => model.text(i, i.props.AvailabilityZone) === zone);
  const candidates = inZone.length > 0 ? inZone : instances;
  if (candidates.length === 0) return { has: 'unknown', detail: 'no DB instance of the cluster in the templates' };
  const publicOnes = candidates.filter((i) => i.props.PubliclyAccessible === true);
  const unset = candidates.filter((i) => i.props.PubliclyAccessible === undefined);
  // Unset, RDS decides from the subnets (public when one routes to an internet gateway): not judged here.
  const has: Judgement = publicOnes.length > 0 ? 'yes' : unset.length > 0 ? 'unknown' : 'no';
  const decider = publicOnes[0] ?? unset[0] ?? candidates[0];
  return {
    has,
    detail: `PubliclyAccessible ${String(decider.props.PubliclyAccessible)} on ${decider.logicalId}`,
    at: { resource: decider, path: ['Properties', 'PubliclyAccessible'], on: true, off: false },
  };
}

/** An interface endpoint's network interfaces, one per subnet. */
export function interfaceEndpointPlacements(model: StageModel, endpoint: ModelResource): Map<string, Placement> {
  return placementsOf(model, {
    what: `the ${model.text(endpoint, endpoint.props.ServiceName) ?? 'interface'} endpoint`,
    owner: endpoint,
    subnets: {
      resource: endpoint,
      from: endpoint,
      path: ['Properties', 'SubnetIds'],
      values: endpoint.props.SubnetIds,
    },
    groups: {
      resource: endpoint,
      path: ['Properties', 'SecurityGroupIds'],
      values: endpoint.props.SecurityGroupIds,
    },
    publicIp: () => ({ has: 'no', detail: 'interface endpoints have private addresses only' }),
  });
}

/** The placements of a placed source, by zone. */
export function sourcePlacements(model: StageModel, source: Exclude<NetworkSource, { kind: 'internet' }>) {
  switch (source.kind) {
    case 'load-balancer':
      return loadBalancerPlacements(model);
    case 'service':
      return servicePlacements(model);
    case 'dump-task':
      return dumpTaskPlacements(model);
    case 'bootstrap-function':
      return bootstrapPlacements(model);
    case 'database':
      return databasePlacements(model);
  }
}
