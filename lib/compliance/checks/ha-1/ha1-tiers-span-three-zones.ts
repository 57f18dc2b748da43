import { OPT_OUTS } from '../../../core/opt-outs';
import { platformMetadataOf } from '../../../core/platform-metadata';
import type { NatGatewayProps, SubnetProps } from '../../template/cfn/ec2';
import type { EcsServiceProps } from '../../template/cfn/ecs';
import type { LoadBalancerProps } from '../../template/cfn/elbv2';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass, weakened } from '../check';

const REQUIRED_ZONES = 3;

const tasksOptOut = OPT_OUTS.allowFewerThanThreeTasks;
const natOptOutEntry = OPT_OUTS.natGateways;

/** The zones of the subnets a list of subnet references points at; unresolvable ones count as no zone. */
function subnetZones(model: StageModel, from: ModelResource<unknown>, subnets: unknown): Set<string> {
  return new Set(
    model
      .resolveAll<SubnetProps>(from, subnets)
      .map((s) => model.text(s, s.props.AvailabilityZone))
      .filter((z): z is string => z !== undefined),
  );
}

/** The opt-outs PlatformStage recorded in the metadata of the resource's stack (none outside a platform stage). */
function optOutsOf(r: ModelResource<unknown>): Readonly<Record<string, unknown>> {
  return platformMetadataOf(r.stack.template)?.optOuts ?? {};
}

/**
 * HA-1 (network and service): every internet-facing load balancer and every ECS service spans three zones, and
 * every VPC with NAT gateways has one per zone (or fewer, reported as the `optOuts.natGateways` weakening).
 */
export const tiersSpanThreeZones: Check = {
  id: 'HA1-TiersSpanThreeZones',
  claims: ['HA-1'],
  description: 'load balancers, service tasks and NAT gateways span three availability zones',
  run: (assembly) => {
    const model = assemblyModel(assembly);
    const results: CheckResult[] = [];
    for (const lb of model.ofType<LoadBalancerProps>('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      const zones = subnetZones(model, lb, lb.props.Subnets);
      const detail = `load balancer in ${zones.size} zone(s): ${[...zones].sort().join(', ')}`;
      results.push(zones.size >= REQUIRED_ZONES ? pass(detail, lb.ref) : fail(detail, lb.ref));
    }
    for (const service of model.ofType<EcsServiceProps>('AWS::ECS::Service')) {
      const zones = subnetZones(model, service, service.props.NetworkConfiguration?.AwsvpcConfiguration?.Subnets);
      const tasks = Number(service.props.DesiredCount ?? 0);
      const detail = `${tasks} task(s) over subnets in ${zones.size} zone(s): ${[...zones].sort().join(', ')}`;
      const fewerAllowed = tasksOptOut.isTaken(optOutsOf(service)[tasksOptOut.key]);
      if (zones.size < REQUIRED_ZONES) results.push(fail(detail, service.ref));
      else if (tasks >= REQUIRED_ZONES) results.push(pass(detail, service.ref));
      else if (fewerAllowed) {
        results.push(weakened(`${detail}: HA-1 reduced by ${tasksOptOut.configPath}`, service.ref));
      } else results.push(fail(detail, service.ref));
    }
    // NAT gateways are judged per stack: a VPC's NAT gateways stand in the stack of the VPC.
    const natsByStack = new Map<string, ModelResource<NatGatewayProps>[]>();
    for (const nat of model.ofType<NatGatewayProps>('AWS::EC2::NatGateway')) {
      natsByStack.set(nat.stackName, [...(natsByStack.get(nat.stackName) ?? []), nat]);
    }
    for (const nats of natsByStack.values()) {
      const zones = new Set(
        nats.map((nat) => {
          const subnet = model.resolve<SubnetProps>(nat, nat.props.SubnetId);
          return subnet && model.text(subnet, subnet.props.AvailabilityZone);
        }),
      );
      const natOptOut = optOutsOf(nats[0])[natOptOutEntry.key];
      const ref = nats[0].ref;
      const detail = `${nats.length} NAT gateway(s) in ${zones.size} zone(s)`;
      if (zones.size >= REQUIRED_ZONES) results.push(pass(`${detail}, one per zone`, ref));
      else if (natOptOutEntry.isTaken(natOptOut)) {
        results.push(
          weakened(
            `${detail}: HA-1 reduced by ${natOptOutEntry.configPath} = ${String(natOptOut)}; losing a NAT zone cuts egress for the others`,
            ref,
          ),
        );
      } else results.push(fail(`${detail} without an opt-out; one per zone is required`, ref));
    }
    if (results.length === 0) results.push(fail('no load balancer, ECS service or NAT gateway found to judge'));
    return results;
  },
};
