import { OPT_OUTS } from '../../../core/opt-outs';
import { Check, CheckResult, fail, pass, weakened } from '../check';
import { toRef } from '../../template/platform-assembly';
import { platformMetadataOf } from '../../../core/platform-metadata';
import { resolveResource, subnetZones } from '../../template/resolve-references';

const REQUIRED_ZONES = 3;

const tasksOptOut = OPT_OUTS.allowFewerThanThreeTasks;
const natOptOutEntry = OPT_OUTS.natGateways;
/**
 * HA-1 (network and service): every internet-facing load balancer and every ECS service spans three zones, and
 * every VPC with NAT gateways has one per zone (or fewer, reported as the `optOuts.natGateways` weakening).
 */
export const tiersSpanThreeZones: Check = {
  id: 'HA1-TiersSpanThreeZones',
  claims: ['HA-1'],
  description: 'load balancers, service tasks and NAT gateways span three availability zones',
  run: (assembly) => {
    const results: CheckResult[] = [];
    for (const lb of assembly.resourcesOfType('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      const zones = new Set(subnetZones(assembly, lb.stack, lb.resource.Properties?.Subnets));
      const detail = `load balancer in ${zones.size} zone(s): ${[...zones].sort().join(', ')}`;
      results.push(zones.size >= REQUIRED_ZONES ? pass(detail, toRef(lb)) : fail(detail, toRef(lb)));
    }
    for (const service of assembly.resourcesOfType('AWS::ECS::Service')) {
      const props = service.resource.Properties ?? {};
      const vpcConfig = (props.NetworkConfiguration as { AwsvpcConfiguration?: { Subnets?: unknown } } | undefined)
        ?.AwsvpcConfiguration;
      const zones = new Set(subnetZones(assembly, service.stack, vpcConfig?.Subnets));
      const tasks = Number(props.DesiredCount ?? 0);
      const detail = `${tasks} task(s) over subnets in ${zones.size} zone(s): ${[...zones].sort().join(', ')}`;
      const fewerAllowed = tasksOptOut.isTaken(platformMetadataOf(service.stack.template)?.optOuts[tasksOptOut.key]);
      if (zones.size < REQUIRED_ZONES) results.push(fail(detail, toRef(service)));
      else if (tasks >= REQUIRED_ZONES) results.push(pass(detail, toRef(service)));
      else if (fewerAllowed) {
        results.push(weakened(`${detail}: HA-1 reduced by ${tasksOptOut.configPath}`, toRef(service)));
      } else results.push(fail(detail, toRef(service)));
    }
    for (const stack of assembly.stacks) {
      const nats = Object.entries(stack.template.Resources ?? {}).filter(([, r]) => r.Type === 'AWS::EC2::NatGateway');
      if (nats.length === 0) continue;
      const zones = new Set(
        nats.map(
          ([, r]) => resolveResource(assembly, stack, r.Properties?.SubnetId)?.resource.Properties?.AvailabilityZone,
        ),
      );
      const natOptOut = platformMetadataOf(stack.template)?.optOuts[natOptOutEntry.key];
      const ref = {
        stackName: stack.stackName,
        region: stack.region,
        logicalId: nats[0][0],
        type: 'AWS::EC2::NatGateway',
      };
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
