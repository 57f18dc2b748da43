import { evaluatePaths } from '../paths/path-checks';
import type { PathRecord } from '../paths/path-record';
import { NETWORK_PATHS, survivingPathsAfterZoneLoss } from '../paths/network';
import type { LocatedResource, PlatformAssembly } from '../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel, stageModels } from '../template/stage-model';
import { asArray } from '../template/template-values';

export type Tier = 'edge' | 'service' | 'egress' | 'database' | 'storage' | 'backups';

/** What one tier spans and whether it keeps serving after losing a zone, or any two of its instances. */
export interface TierRedundancy {
  readonly tier: Tier;
  /** The environment the tier belongs to (`*` for an assembly without platform stages). */
  readonly environment: string;
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

/**
 * The network path each zonal tier serves through: the tier survives a zone's loss only when this path still holds
 * from some other zone, every hop of it standing outside the lost zone (lib/compliance/paths/network/zone-loss.ts).
 */
const TIER_PATHS: Partial<Record<Tier, string>> = {
  edge: 'internet-to-load-balancer-https',
  service: 'load-balancer-to-service-port',
  egress: 'service-to-internet-https-own-zone-nat',
  database: 'service-to-database-port',
};

const sorted = (xs: Iterable<string | undefined>) => [...new Set([...xs].filter((x): x is string => !!x))].sort();
const key = (r: { readonly stackName: string; readonly logicalId: string }) => `${r.stackName}/${r.logicalId}`;

interface Judged {
  readonly model: StageModel;
  /** The environment's network path records; empty outside a platform stage (nothing proves a path there). */
  readonly paths: readonly PathRecord[];
  /** The zones of the VPC the network paths were evaluated in. */
  readonly vpcZones: readonly string[];
}

/**
 * Per environment and tier: the zones and regions it spans, whether it survives the loss of any one zone (from the
 * network paths: the path the tier serves through must still hold from another zone) and of any two instances (from
 * the counts). A tier with nothing to judge does not survive: absence is never redundancy.
 */
export function analyseRedundancy(assembly: PlatformAssembly): TierRedundancy[] {
  const stages = stageModels(assembly);
  const records = stages.length ? evaluatePaths(assembly, NETWORK_PATHS) : [];
  const judged: Judged[] = stages.length
    ? stages.map((model) => ({
        model,
        paths: records.filter((p) => p.environment === model.name),
        vpcZones: sorted(platformSubnets(model).map((s) => zoneOf(s))),
      }))
    : [{ model: assemblyModel(assembly), paths: [], vpcZones: [] }];
  return judged.flatMap((j) => [edge(j), service(j), egress(j), database(j), storage(j), backups(j)]);
}

/** Whether the tier's path survives the loss of every zone in turn, and a sentence saying so. */
function pathsSurvive(j: Judged, tier: Tier): { survives: boolean; says: string } {
  const requirement = TIER_PATHS[tier]!;
  if (j.paths.length === 0 || j.vpcZones.length === 0) {
    return { survives: false, says: `no network path ${requirement} was evaluated` };
  }
  const cut = j.vpcZones.filter(
    (zone) => !survivingPathsAfterZoneLoss(j.paths, zone).some((o) => o.requirementId === requirement && o.survives),
  );
  return cut.length
    ? { survives: false, says: `path ${requirement} is cut when ${cut.join(' or ')} is lost` }
    : { survives: true, says: `path ${requirement} still holds after the loss of any one of ${j.vpcZones.join(', ')}` };
}

/**
 * The subnets of the platform VPC (role `vpc`), where the network paths run; every subnet when no VPC declares the
 * role. The recovery region's restore-test VPC serves no tier, so its zones are not the platform's.
 */
function platformSubnets(model: StageModel): ModelResource<{ AvailabilityZone?: unknown; VpcId?: unknown }>[] {
  const subnets = model.ofType<{ AvailabilityZone?: unknown; VpcId?: unknown }>('AWS::EC2::Subnet');
  const vpcs = model.withRole('vpc');
  return vpcs.length ? subnets.filter((s) => vpcs.some((v) => v === model.resolve(s, s.props.VpcId))) : subnets;
}

function zoneOf(subnet: ModelResource<{ AvailabilityZone?: unknown }>): string | undefined {
  return typeof subnet.props.AvailabilityZone === 'string' ? subnet.props.AvailabilityZone : undefined;
}

function subnetZones(model: StageModel, from: LocatedResource, subnets: unknown): string[] {
  return sorted(model.resolveAll<{ AvailabilityZone?: unknown }>(from, subnets).map(zoneOf));
}

function edge(j: Judged): TierRedundancy {
  const { model } = j;
  const lbs = model
    .ofType<{ Scheme?: unknown; Subnets?: unknown }>('AWS::ElasticLoadBalancingV2::LoadBalancer')
    .filter((r) => r.props.Scheme === 'internet-facing');
  const zones = sorted(lbs.flatMap((lb) => subnetZones(model, lb, lb.props.Subnets)));
  const paths = pathsSurvive(j, 'edge');
  return {
    tier: 'edge',
    environment: model.name,
    resources: lbs.map(key),
    regions: sorted(lbs.map((r) => r.region)),
    zones,
    instances: zones.length,
    survivesZoneLoss: lbs.length > 0 && zones.length >= 2 && paths.survives,
    survivesTwoInstanceLoss: lbs.length > 0 && zones.length >= 3,
    reasoning: `${lbs.length} internet-facing load balancer(s) with a node in each of ${zones.length} zone(s); a zone or two nodes lost leaves ${Math.max(zones.length - 2, 0)} or more node(s); ${paths.says}`,
  };
}

interface ServiceProps {
  readonly DesiredCount?: unknown;
  readonly NetworkConfiguration?: { readonly AwsvpcConfiguration?: { readonly Subnets?: unknown } };
}

function service(j: Judged): TierRedundancy {
  const { model } = j;
  const services = model.ofType<ServiceProps>('AWS::ECS::Service');
  const zones = sorted(
    services.flatMap((s) => subnetZones(model, s, s.props.NetworkConfiguration?.AwsvpcConfiguration?.Subnets)),
  );
  // Autoscaling can only raise the count above its minimum, so the minimum is what survives.
  const targets = model.ofType<{ MinCapacity?: unknown; ResourceId?: unknown }>(
    'AWS::ApplicationAutoScaling::ScalableTarget',
  );
  const minimum = (s: ModelResource<ServiceProps>) => {
    const target = targets.find(
      (t) => t.stack === s.stack && JSON.stringify(t.props.ResourceId ?? '').includes(s.logicalId),
    );
    return Math.min(Number(s.props.DesiredCount ?? 0), Number(target?.props.MinCapacity ?? Infinity));
  };
  const tasks = services.length ? Math.min(...services.map(minimum)) : 0;
  // ECS spreads tasks evenly across the zones of its subnets, so a zone holds at most ceil(tasks / zones).
  const perZone = zones.length ? Math.ceil(tasks / zones.length) : tasks;
  const paths = pathsSurvive(j, 'service');
  return {
    tier: 'service',
    environment: model.name,
    resources: services.map(key),
    regions: sorted(services.map((r) => r.region)),
    zones,
    instances: tasks,
    survivesZoneLoss: tasks > 0 && zones.length >= 2 && tasks - perZone >= 1 && paths.survives,
    survivesTwoInstanceLoss: tasks - 2 >= 1,
    reasoning: `at least ${tasks} task(s) spread over ${zones.length} zone(s): losing a zone stops at most ${perZone}, losing two tasks leaves ${Math.max(tasks - 2, 0)}; ${paths.says}`,
  };
}

function egress(j: Judged): TierRedundancy {
  const { model } = j;
  const nats = model.ofType<{ SubnetId?: unknown }>('AWS::EC2::NatGateway');
  const natZones = sorted(
    nats
      .map((n) => model.resolve<{ AvailabilityZone?: unknown }>(n, n.props.SubnetId))
      .map((s) => (s ? zoneOf(s) : undefined)),
  );
  const paths = pathsSurvive(j, 'egress');
  return {
    tier: 'egress',
    environment: model.name,
    resources: nats.map(key),
    regions: sorted(nats.map((r) => r.region)),
    zones: natZones,
    instances: nats.length,
    survivesZoneLoss: nats.length > 0 && natZones.length >= 2 && paths.survives,
    survivesTwoInstanceLoss: nats.length >= 3 && paths.survives,
    reasoning: `${nats.length} NAT gateway(s) in ${natZones.length} zone(s); ${paths.survives ? 'each zone leaves through its own' : 'some zones depend on a NAT gateway in another zone'}: ${paths.says}`,
  };
}

function database(j: Judged): TierRedundancy {
  const { model } = j;
  const clusters = model.ofType<{ Engine?: unknown }>('AWS::RDS::DBCluster');
  const instances = model
    .ofType<{ DBClusterIdentifier?: unknown; AvailabilityZone?: unknown }>('AWS::RDS::DBInstance')
    .filter((i) => i.props.DBClusterIdentifier);
  const zones = sorted(instances.map((i) => zoneOf(i)));
  const aurora = clusters.every((c) => /^aurora/.test(String(c.props.Engine ?? '')));
  const paths = pathsSurvive(j, 'database');
  return {
    tier: 'database',
    environment: model.name,
    resources: [...clusters, ...instances].map(key),
    regions: sorted(clusters.map((r) => r.region)),
    zones,
    instances: instances.length,
    survivesZoneLoss: clusters.length > 0 && aurora && zones.length >= 2 && paths.survives,
    survivesTwoInstanceLoss: clusters.length > 0 && aurora && instances.length >= 3,
    reasoning: `${clusters.length} Aurora cluster(s) (storage six-way across three zones) with ${instances.length} instance(s) in ${zones.length} zone(s); a reader is promoted when the writer's zone fails; ${paths.says}`,
  };
}

interface BucketProps {
  readonly BucketName?: unknown;
  readonly ReplicationConfiguration?: { readonly Rules?: unknown };
  readonly LifecycleConfiguration?: unknown;
}

function storage(j: Judged): TierRedundancy {
  const { model } = j;
  const all = model.ofType<BucketProps>('AWS::S3::Bucket');
  const buckets = all.filter((b) => b.props.ReplicationConfiguration);
  const oneZone = buckets.filter((b) =>
    /ONEZONE|EXPRESS_ONEZONE/.test(JSON.stringify(b.props.LifecycleConfiguration ?? {})),
  );
  // A replica is found by the bucket name its source's rules write to.
  const replicaRegions = buckets.flatMap((b) => {
    const destinations = asArray<{ Destination?: { Bucket?: unknown } }>(b.props.ReplicationConfiguration?.Rules).map(
      (r) => model.text(b, r.Destination?.Bucket),
    );
    return all
      .filter(
        (r) =>
          typeof r.props.BucketName === 'string' &&
          destinations.some((d) => d?.endsWith(`:::${String(r.props.BucketName)}`)),
      )
      .map((r) => r.region);
  });
  const regions = sorted([...buckets.map((b) => b.region), ...replicaRegions]);
  return {
    tier: 'storage',
    environment: model.name,
    resources: buckets.map(key),
    regions,
    zones: [],
    instances: buckets.length,
    survivesZoneLoss: buckets.length > 0 && oneZone.length === 0,
    survivesTwoInstanceLoss: buckets.length > 0 && oneZone.length === 0 && regions.length >= 2,
    reasoning: `${buckets.length} replicated customer-data bucket(s) in S3 Standard (at least three zones)${oneZone.length ? `, ${oneZone.length} with a one-zone class` : ''}, replicas in ${regions.join(', ')}`,
  };
}

interface PlanProps {
  readonly BackupPlan?: {
    readonly BackupPlanRule?: readonly {
      readonly CopyActions?: readonly { readonly DestinationBackupVaultArn?: unknown }[];
    }[];
  };
}

function backups(j: Judged): TierRedundancy {
  const { model } = j;
  const vaults = model.ofType('AWS::Backup::BackupVault');
  const plans = model.ofType<PlanProps>('AWS::Backup::BackupPlan');
  const copyRegionsOf = (p: ModelResource<PlanProps>) =>
    asArray(p.props.BackupPlan?.BackupPlanRule)
      .flatMap((rule) => asArray(rule.CopyActions))
      .map((c) => /^arn:[^:]+:backup:([a-z0-9-]+):/.exec(model.text(p, c.DestinationBackupVaultArn) ?? '')?.[1]);
  const copyRegions = plans.flatMap(copyRegionsOf);
  const regions = sorted([...vaults.map((v) => v.region), ...copyRegions]);
  const copiesLeave = plans.length > 0 && plans.every((p) => copyRegionsOf(p).some((r) => r && r !== p.region));
  return {
    tier: 'backups',
    environment: model.name,
    resources: [...plans, ...vaults].map(key),
    regions,
    zones: [],
    instances: vaults.length,
    survivesZoneLoss: plans.length > 0 && vaults.length > 0,
    survivesTwoInstanceLoss: copiesLeave && regions.length >= 2,
    reasoning: `${plans.length} plan(s), ${vaults.length} vault(s) in ${regions.join(', ') || 'no region'}; ${copiesLeave ? 'every plan copies to a vault in another region' : 'no plan copies out of its region'}`,
  };
}
