import { tiersSpanThreeZones as check } from '../../../../lib/compliance/checks/ha-1/ha1-tiers-span-three-zones';
import { Change, edited, modelOf, onPlatform, outcomes, ref } from '../../../support/check-fixtures';

const subnet = (zone: string) => ({ Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: `eu-west-1${zone}` } });
const nat = (subnetId: string) => ({ Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref(subnetId) } });
const network = {
  Resources: {
    SubnetA: subnet('a'),
    SubnetB: subnet('b'),
    SubnetC: subnet('c'),
    NatA: nat('SubnetA'),
    NatB: nat('SubnetB'),
    NatC: nat('SubnetC'),
    Lb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { Subnets: [ref('SubnetA'), ref('SubnetB'), ref('SubnetC')] },
    },
  },
  Outputs: {
    SubnetA: { Value: ref('SubnetA') },
    SubnetB: { Value: ref('SubnetB') },
    SubnetC: { Value: ref('SubnetC') },
  },
};
// The service reads the subnets of the network stack as CDK's weak cross-stack references.
const fromNetwork = (output: string) => ({ 'Fn::GetStackOutput': { StackName: 'prod-Network', OutputName: output } });
const service = {
  Resources: {
    Service: {
      Type: 'AWS::ECS::Service',
      Properties: {
        DesiredCount: 3,
        NetworkConfiguration: {
          AwsvpcConfiguration: { Subnets: [fromNetwork('SubnetA'), fromNetwork('SubnetB'), fromNetwork('SubnetC')] },
        },
      },
    },
  },
};
const ALL_ZONES = 'eu-west-1a, eu-west-1b, eu-west-1c';
const judged = (networkChange: Change, serviceChange: Change = () => {}, optOuts?: Record<string, unknown>) => {
  const onStage = (t: typeof network | typeof service) => (optOuts ? onPlatform(t, optOuts) : t);
  return outcomes(
    check,
    modelOf({
      'prod-Network': edited(onStage(network), networkChange),
      'prod-Service': edited(onStage(service), serviceChange),
    }),
  );
};
const oneNat: Change = (r) => {
  delete r.NatB;
  delete r.NatC;
};

describe('HA1-TiersSpanThreeZones', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([
      `pass Lb: load balancer in 3 zone(s): ${ALL_ZONES}`,
      `pass Service: 3 task(s) over subnets in 3 zone(s): ${ALL_ZONES}`,
      'pass NatA: 3 NAT gateway(s) in 3 zone(s), one per zone',
    ]);
  });

  test('Noncompliance 1: nothing to judge', () => {
    expect(outcomes(check, modelOf({ 'prod-Data': { Resources: {} } }))).toEqual([
      'fail -: no load balancer, ECS service or NAT gateway found to judge',
    ]);
  });

  test('Noncompliance 2: a load balancer in two zones', () => {
    expect(judged((r) => r.Lb.Properties.Subnets.pop())[0]).toBe(
      'fail Lb: load balancer in 2 zone(s): eu-west-1a, eu-west-1b',
    );
  });

  test('Noncompliance 3: service subnets in two zones (or not resolvable)', () => {
    const subnets = (r: Parameters<Change>[0]) => r.Service.Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets;
    expect(
      judged(
        () => {},
        (r) => subnets(r).pop(),
      )[1],
    ).toBe('fail Service: 3 task(s) over subnets in 2 zone(s): eu-west-1a, eu-west-1b');
    expect(
      judged(
        () => {},
        (r) => (subnets(r)[2] = 'subnet-0123'),
      )[1],
    ).toBe('fail Service: 3 task(s) over subnets in 2 zone(s): eu-west-1a, eu-west-1b');
  });

  test('Noncompliance 4: two tasks without the opt-out', () => {
    expect(
      judged(
        () => {},
        (r) => (r.Service.Properties.DesiredCount = 2),
        {},
      )[1],
    ).toBe(`fail Service: 2 task(s) over subnets in 3 zone(s): ${ALL_ZONES}`);
  });

  test('Weakened 1: two tasks under optOuts.allowFewerThanThreeTasks', () => {
    const opted = judged(
      () => {},
      (r) => (r.Service.Properties.DesiredCount = 2),
      { allowFewerThanThreeTasks: true },
    );
    expect(opted[1]).toBe(
      `weakened Service: 2 task(s) over subnets in 3 zone(s): ${ALL_ZONES}: HA-1 reduced by optOuts.allowFewerThanThreeTasks`,
    );
  });

  test('Noncompliance 5: one NAT gateway without the opt-out', () => {
    expect(judged(oneNat, () => {}, {})[2]).toBe(
      'fail NatA: 1 NAT gateway(s) in 1 zone(s) without an opt-out; one per zone is required',
    );
  });

  test('Weakened 2: one NAT gateway under optOuts.natGateways', () => {
    expect(judged(oneNat, () => {}, { natGateways: 1 })[2]).toBe(
      'weakened NatA: 1 NAT gateway(s) in 1 zone(s): HA-1 reduced by optOuts.natGateways = 1; losing a NAT zone cuts egress for the others',
    );
  });

  test('Noncompliance 6: one NAT gateway with a recorded natGateways that is not an opt-out (false)', () => {
    expect(judged(oneNat, () => {}, { natGateways: false })[2]).toBe(
      'fail NatA: 1 NAT gateway(s) in 1 zone(s) without an opt-out; one per zone is required',
    );
  });
});
