import { publicIngressOnlyToLoadBalancer as check } from '../../../../lib/compliance/checks/transit-2/transit2-public-ingress-only-to-load-balancer';
import { Change, edited, getAtt, modelOf, verdicts } from '../../../support/check-fixtures';

const anywhere = (port: number) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: '0.0.0.0/0' });
const groups = {
  Resources: {
    LbGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: { SecurityGroupIngress: [anywhere(443), anywhere(80)] } },
    Lb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { SecurityGroups: [getAtt('LbGroup', 'GroupId')] },
    },
    ServiceGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
    FromLb: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: getAtt('ServiceGroup', 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8080,
        SourceSecurityGroupId: getAtt('LbGroup', 'GroupId'),
      },
    },
    LbIpv6: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: getAtt('LbGroup', 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        CidrIpv6: '::/0',
      },
    },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Service': edited(groups, change) }));
const ALL_COMPLIANT = ['LbGroup: compliant', 'ServiceGroup: compliant', 'FromLb: compliant', 'LbIpv6: compliant'];

describe('TRANSIT2-PublicIngressOnlyToLoadBalancer', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Service': groups }))).toEqual(ALL_COMPLIANT);
  });

  test('Noncompliance 1: the load balancer group open to the internet on another port', () => {
    expect(judged((r) => r.LbGroup.Properties.SecurityGroupIngress.push(anywhere(22)))[0]).toBe(
      'LbGroup: non-compliant',
    );
  });

  test('Noncompliance 2: a group of no load balancer open to the internet, even on 443', () => {
    expect(judged((r) => (r.ServiceGroup.Properties.SecurityGroupIngress = [anywhere(443)]))[1]).toBe(
      'ServiceGroup: non-compliant',
    );
  });

  test('Noncompliance 3: a stand-alone rule opening a group of no load balancer to the internet', () => {
    expect(judged((r) => (r.LbIpv6.Properties.GroupId = getAtt('ServiceGroup', 'GroupId')))[3]).toBe(
      'LbIpv6: non-compliant',
    );
  });

  test('Noncompliance 4: a port range open to the internet on the load balancer', () => {
    expect(judged((r) => (r.LbIpv6.Properties.ToPort = 444))).toEqual([
      ...ALL_COMPLIANT.slice(0, 3),
      'LbIpv6: non-compliant',
    ]);
  });
});
