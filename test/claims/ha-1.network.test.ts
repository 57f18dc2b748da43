import { NagRuleCompliance } from 'cdk-nag';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { tiersSpanThreeZones, serviceRedundantDeployment } from '../../lib/compliance/checks';
import {
  assemblyOf,
  judge,
  referenceCheckResults,
  referenceRuleResults,
  scratchStack,
} from '../network/support/claims';

const subnet = (az: string) => ({ Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: az } });

describe('HA-1 (network and service): load balancer, NAT gateways and tasks span three zones', () => {
  test('the reference load balancer, NAT gateways and service span three zones with three tasks', () => {
    const results = referenceCheckResults([tiersSpanThreeZones]);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results.map((r) => r.detail)).toEqual([
      'load balancer in 3 zone(s): eu-west-1a, eu-west-1b, eu-west-1c',
      '3 task(s) over subnets in 3 zone(s): eu-west-1a, eu-west-1b, eu-west-1c',
      '3 NAT gateway(s) in 3 zone(s), one per zone',
    ]);
  });

  test('the reference service deploys with rollback and never below 100% healthy', () => {
    expect(referenceRuleResults([serviceRedundantDeployment]).map((r) => r.status)).toEqual(['pass']);
  });

  test('fails when a service runs two tasks with 50% minimum healthy and no circuit breaker', () => {
    const stack = scratchStack();
    new ecs.CfnService(stack, 'Svc', { desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 50 } });
    expect(judge(serviceRedundantDeployment, stack)).toEqual([
      ['FewerThanThreeTasks', 'MinimumHealthyBelow100', 'NoCircuitBreakerRollback'],
    ]);
  });

  test('a service with three tasks, 100% healthy and rollback is compliant', () => {
    const stack = scratchStack();
    new ecs.CfnService(stack, 'Svc', {
      desiredCount: 3,
      deploymentConfiguration: {
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
    });
    expect(judge(serviceRedundantDeployment, stack)).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when the load balancer and service use two zones and one NAT gateway serves them without an opt-out', () => {
    const assembly = assemblyOf({
      'x-Network': {
        Resources: {
          A: subnet('eu-west-1a'),
          B: subnet('eu-west-1b'),
          Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'A' } } },
        },
        Outputs: { SubA: { Value: { Ref: 'A' }, Export: { Name: 'x-SubA' } }, SubB: { Value: { Ref: 'B' } } },
      },
      'x-Service': {
        Resources: {
          Lb: {
            Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
            Properties: {
              Subnets: [
                { 'Fn::ImportValue': 'x-SubA' },
                { 'Fn::GetStackOutput': { StackName: 'x-Network', OutputName: 'SubB' } },
              ],
            },
          },
          Svc: {
            Type: 'AWS::ECS::Service',
            Properties: {
              DesiredCount: 3,
              NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ 'Fn::ImportValue': 'x-SubA' }] } },
            },
          },
        },
      },
    });
    expect(tiersSpanThreeZones.run(assembly).map((r) => `${r.status}: ${r.detail}`)).toEqual([
      'fail: load balancer in 2 zone(s): eu-west-1a, eu-west-1b',
      'fail: 3 task(s) over subnets in 1 zone(s): eu-west-1a',
      'fail: 1 NAT gateway(s) in 1 zone(s) without an opt-out; one per zone is required',
    ]);
  });

  test('reports a single NAT gateway as the optOuts.natGateways weakening of HA-1', () => {
    const assembly = assemblyOf({
      'x-Network': {
        Metadata: { 'PocketCity::Platform': { optOuts: { natGateways: 1 } } },
        Resources: {
          A: subnet('eu-west-1a'),
          Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'A' } } },
        },
      },
    });
    expect(tiersSpanThreeZones.run(assembly)).toEqual([
      expect.objectContaining({
        status: 'weakened',
        detail: expect.stringContaining('HA-1 reduced by optOuts.natGateways = 1'),
      }),
    ]);
  });

  test('fails when there is nothing to judge', () => {
    expect(tiersSpanThreeZones.run(assemblyOf({}))[0]).toEqual(expect.objectContaining({ status: 'fail' }));
  });
});
