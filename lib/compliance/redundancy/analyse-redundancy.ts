import type { LocatedResource, PlatformAssembly } from '../template/platform-assembly';
import { resolveResource, subnetZones } from '../template/resolve-references';

export type Tier = 'edge' | 'service' | 'egress' | 'database' | 'storage' | 'backups';

/** What one tier spans and whether it keeps serving after losing a zone, or any two of its instances. */
export interface TierRedundancy {
  readonly tier: Tier;
  /** The resources the tier was judged on (stack/logicalId). */
  readonly resources: readonly string[];
  readonly regions: readonly string[];
  readonly zones: readonly string[];
  /** Instances that serve the tier (tasks, database instances, NAT gateways, load balancer nodes, vaults). */
  readonly instances: number;
  readonly survivesZoneLoss: boolean;
  readonly survivesTwoInstanceLoss: boolean;
  /** How the verdicts were reached, in one sentence. */
  readonly reasoning: string;
}

const sorted = (xs: Iterable<string | undefined>) => [...new Set([...xs].filter((x): x is string => !!x))].sort();
const key = (r: LocatedResource) => `${r.stackName}/${r.logicalId}`;

/**
 * Reads the synthesized templates and computes, per tier, the zones and regions it spans and whether it survives the
 * loss of any one zone and of any two instances (HA-1). A tier with nothing to judge does not survive: absence is
 * never redundancy.
 */
export function analyseRedundancy(assembly: PlatformAssembly): TierRedundancy[] {
  return [
    edge(assembly),
    service(assembly),
    egress(assembly),
    database(assembly),
    storage(assembly),
    backups(assembly),
  ];
}

function edge(a: PlatformAssembly): TierRedundancy {
  const lbs = a
    .resourcesOfType('AWS::ElasticLoadBalancingV2::LoadBalancer')
    .filter((r) => r.resource.Properties?.Scheme === 'internet-facing');
  const zones = sorted(lbs.flatMap((lb) => subnetZones(a, lb.stack, lb.resource.Properties?.Subnets)));
  return {
    tier: 'edge',
    resources: lbs.map(key),
    regions: sorted(lbs.map((r) => r.region)),
    zones,
    instances: zones.length,
    survivesZoneLoss: lbs.length > 0 && zones.length >= 2,
    survivesTwoInstanceLoss: lbs.length > 0 && zones.length >= 3,
    reasoning: `${lbs.length} internet-facing load balancer(s) with a node in each of ${zones.length} zone(s); a zone or two nodes lost leaves ${Math.max(zones.length - 2, 0)} or more node(s)`,
  };
}

function service(a: PlatformAssembly): TierRedundancy {
  const services = a.resourcesOfType('AWS::ECS::Service');
  const zones = sorted(
    services.flatMap((s) =>
      subnetZones(
        a,
        s.stack,
        (s.resource.Properties?.NetworkConfiguration as { AwsvpcConfiguration?: { Subnets?: unknown } } | undefined)
          ?.AwsvpcConfiguration?.Subnets,
      ),
    ),
  );
  // Autoscaling can only raise the count above its minimum, so the minimum is what survives.
  const minimum = (s: LocatedResource) => {
    const target = a
      .resourcesOfType('AWS::ApplicationAutoScaling::ScalableTarget')
      .find(
        (t) => t.stack === s.stack && JSON.stringify(t.resource.Properties?.ResourceId ?? '').includes(s.logicalId),
      );
    return Math.min(
      Number(s.resource.Properties?.DesiredCount ?? 0),
      Number(target?.resource.Properties?.MinCapacity ?? Infinity),
    );
  };
  const tasks = services.length ? Math.min(...services.map(minimum)) : 0;
  // ECS spreads tasks evenly across the zones of its subnets, so a zone holds at most ceil(tasks / zones).
  const perZone = zones.length ? Math.ceil(tasks / zones.length) : tasks;
  return {
    tier: 'service',
    resources: services.map(key),
    regions: sorted(services.map((r) => r.region)),
    zones,
    instances: tasks,
    survivesZoneLoss: tasks > 0 && zones.length >= 2 && tasks - perZone >= 1,
    survivesTwoInstanceLoss: tasks - 2 >= 1,
    reasoning: `at least ${tasks} task(s) spread over ${zones.length} zone(s): losing a zone stops at most ${perZone}, losing two tasks leaves ${Math.max(tasks - 2, 0)}`,
  };
}

function egress(a: PlatformAssembly): TierRedundancy {
  const nats = a.resourcesOfType('AWS::EC2::NatGateway');
  const natZones = sorted(
    nats.map(
      (n) =>
        resolveResource(a, n.stack, n.resource.Properties?.SubnetId)?.resource.Properties?.AvailabilityZone as
          string | undefined,
    ),
  );
  // Private subnets that route to a NAT gateway: each must reach a NAT gateway in its own zone, or the loss of the
  // NAT's zone cuts them off.
  const privateZones = sorted(
    a
      .resourcesOfType('AWS::EC2::Route')
      .filter((r) => r.resource.Properties?.NatGatewayId)
      .map((route) => {
        const table = resolveResource(a, route.stack, route.resource.Properties?.RouteTableId);
        const association = a
          .resourcesOfType('AWS::EC2::SubnetRouteTableAssociation')
          .find(
            (s) =>
              s.stack === route.stack &&
              table &&
              JSON.stringify(s.resource.Properties?.RouteTableId) === JSON.stringify({ Ref: table.logicalId }),
          );
        return resolveResource(a, route.stack, association?.resource.Properties?.SubnetId)?.resource.Properties
          ?.AvailabilityZone as string | undefined;
      }),
  );
  const ownZone = privateZones.every((z) => natZones.includes(z));
  return {
    tier: 'egress',
    resources: nats.map(key),
    regions: sorted(nats.map((r) => r.region)),
    zones: natZones,
    instances: nats.length,
    survivesZoneLoss: nats.length > 0 && ownZone && natZones.length >= 2,
    survivesTwoInstanceLoss: nats.length >= 3 && ownZone,
    reasoning: `${nats.length} NAT gateway(s) in ${natZones.length} zone(s) for private subnets in ${privateZones.length} zone(s)${ownZone ? ', each zone with its own' : '; some zones depend on a NAT gateway in another zone'}`,
  };
}

function database(a: PlatformAssembly): TierRedundancy {
  const clusters = a.resourcesOfType('AWS::RDS::DBCluster');
  const instances = a.resourcesOfType('AWS::RDS::DBInstance').filter((i) => i.resource.Properties?.DBClusterIdentifier);
  const zones = sorted(instances.map((i) => i.resource.Properties?.AvailabilityZone as string | undefined));
  const aurora = clusters.every((c) => /^aurora/.test(String(c.resource.Properties?.Engine ?? '')));
  return {
    tier: 'database',
    resources: [...clusters, ...instances].map(key),
    regions: sorted(clusters.map((r) => r.region)),
    zones,
    instances: instances.length,
    survivesZoneLoss: clusters.length > 0 && aurora && zones.length >= 2,
    survivesTwoInstanceLoss: clusters.length > 0 && aurora && instances.length >= 3,
    reasoning: `${clusters.length} Aurora cluster(s) (storage six-way across three zones) with ${instances.length} instance(s) in ${zones.length} zone(s); a reader is promoted when the writer's zone fails`,
  };
}

function storage(a: PlatformAssembly): TierRedundancy {
  const buckets = a.resourcesOfType('AWS::S3::Bucket').filter((b) => b.resource.Properties?.ReplicationConfiguration);
  const oneZone = buckets.filter((b) =>
    /ONEZONE|EXPRESS_ONEZONE/.test(JSON.stringify(b.resource.Properties?.LifecycleConfiguration ?? {})),
  );
  const regions = sorted([...buckets.map((b) => b.region), ...buckets.flatMap((b) => replicaRegions(a, b))]);
  return {
    tier: 'storage',
    resources: buckets.map(key),
    regions,
    zones: [],
    instances: buckets.length,
    survivesZoneLoss: buckets.length > 0 && oneZone.length === 0,
    survivesTwoInstanceLoss: buckets.length > 0 && oneZone.length === 0 && regions.length >= 2,
    reasoning: `${buckets.length} replicated customer-data bucket(s) in S3 Standard (at least three zones)${oneZone.length ? `, ${oneZone.length} with a one-zone class` : ''}, replicas in ${regions.join(', ')}`,
  };
}

function replicaRegions(a: PlatformAssembly, bucket: LocatedResource): (string | undefined)[] {
  const text = JSON.stringify(bucket.resource.Properties?.ReplicationConfiguration ?? {});
  return a
    .resourcesOfType('AWS::S3::Bucket')
    .filter(
      (b) => typeof b.resource.Properties?.BucketName === 'string' && text.includes(b.resource.Properties.BucketName),
    )
    .map((b) => b.region);
}

function backups(a: PlatformAssembly): TierRedundancy {
  const vaults = a.resourcesOfType('AWS::Backup::BackupVault');
  const plans = a.resourcesOfType('AWS::Backup::BackupPlan');
  const copyRegions = plans.flatMap((p) =>
    [
      ...JSON.stringify(p.resource.Properties ?? {}).matchAll(
        /arn:aws[a-z-]*:backup:([a-z0-9-]+):\d{12}:backup-vault:/g,
      ),
    ].map((m) => m[1]),
  );
  const regions = sorted([...vaults.map((v) => v.region), ...copyRegions]);
  const copiesLeave = plans.length > 0 && plans.every((p) => copyRegions.some((r) => r !== p.region));
  return {
    tier: 'backups',
    resources: [...plans, ...vaults].map(key),
    regions,
    zones: [],
    instances: vaults.length,
    survivesZoneLoss: plans.length > 0 && vaults.length > 0,
    survivesTwoInstanceLoss: copiesLeave && regions.length >= 2,
    reasoning: `${plans.length} plan(s), ${vaults.length} vault(s) in ${regions.join(', ') || 'no region'}; ${copiesLeave ? 'every plan copies to a vault in another region' : 'no plan copies out of its region'}`,
  };
}
