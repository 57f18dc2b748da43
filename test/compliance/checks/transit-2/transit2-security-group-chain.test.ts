import { securityGroupChain as check } from '../../../../lib/compliance/checks/transit-2/transit2-security-group-chain';
import { Change, edited, getAtt, modelOf, outcomes } from '../../../support/check-fixtures';

const groupId = (logicalId: string) => getAtt(logicalId, 'GroupId');
const tcp = (port: number, peer: Record<string, unknown>) => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: port,
  ...peer,
});
const platform = {
  Resources: {
    LbGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { SecurityGroupIngress: [tcp(443, { CidrIp: '0.0.0.0/0' }), tcp(80, { CidrIp: '0.0.0.0/0' })] },
    },
    Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { SecurityGroups: [groupId('LbGroup')] } },
    ServiceGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        SecurityGroupIngress: [tcp(8080, { SourceSecurityGroupId: groupId('LbGroup') })],
        SecurityGroupEgress: [tcp(443, { CidrIp: '0.0.0.0/0' })],
      },
    },
    ToDatabase: {
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        GroupId: groupId('ServiceGroup'),
        ...tcp(5432, { DestinationSecurityGroupId: groupId('DbGroup') }),
      },
    },
    Service: {
      Type: 'AWS::ECS::Service',
      Properties: { NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [groupId('ServiceGroup')] } } },
    },
    DbGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
    FromService: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: { GroupId: groupId('DbGroup'), ...tcp(5432, { SourceSecurityGroupId: groupId('ServiceGroup') }) },
    },
    Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { VpcSecurityGroupIds: [groupId('DbGroup')] } },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Platform': edited(platform, change) }));
const serviceFails = (badIn: string, badOut: string) =>
  `fail ServiceGroup: service group: ingress not from a load balancer on one port: ${badIn}; egress beyond 443 and the database port: ${badOut}`;
const DB_FAILS = (ports: string) =>
  `fail DbGroup: database group admits ${ports} from an address range, a port range or the load balancer`;

describe('TRANSIT2-SecurityGroupChain', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Platform': platform }))).toEqual([
      'pass LbGroup: load balancer group admits only tcp/443 and tcp/80',
      'pass ServiceGroup: service group: in tcp/8080 from the load balancer; out tcp/443, tcp/5432',
      'pass DbGroup: database group admits only security groups on single ports (tcp/5432)',
    ]);
  });

  test('Noncompliance 1: no group to judge', () => {
    expect(outcomes(check, modelOf({ 'prod-Data': { Resources: {} } }))).toEqual([
      'fail -: no load balancer, service or database security group found to judge',
    ]);
  });

  test('Noncompliance 2: the load balancer group admits another port', () => {
    expect(judged((r) => r.LbGroup.Properties.SecurityGroupIngress.push(tcp(22, { CidrIp: '10.0.0.0/8' })))[0]).toBe(
      'fail LbGroup: load balancer group admits tcp/22 beyond 443/80',
    );
  });

  test('Noncompliance 3: the service group admits nothing', () => {
    expect(judged((r) => delete r.ServiceGroup.Properties.SecurityGroupIngress)[1]).toBe(
      'fail ServiceGroup: service group admits nothing from a load balancer',
    );
  });

  test('Noncompliance 4: the service group admits an address range', () => {
    expect(
      judged((r) => (r.ServiceGroup.Properties.SecurityGroupIngress = [tcp(8080, { CidrIp: '10.0.0.0/16' })]))[1],
    ).toBe(serviceFails('tcp/8080', 'none'));
  });

  test('Noncompliance 5: the service group lets out a port range', () => {
    expect(
      judged((r) =>
        r.ServiceGroup.Properties.SecurityGroupEgress.push({
          IpProtocol: 'tcp',
          FromPort: 0,
          ToPort: 65535,
          CidrIp: '0.0.0.0/0',
        }),
      )[1],
    ).toBe(serviceFails('none', 'tcp/0-65535'));
  });

  test('Noncompliance 6: the database group admits an address range', () => {
    expect(judged((r) => (r.DbGroup.Properties.SecurityGroupIngress = [tcp(5432, { CidrIp: '10.0.0.0/16' })]))[2]).toBe(
      DB_FAILS('tcp/5432'),
    );
  });

  test('Noncompliance 7: the database group admits the load balancer', () => {
    expect(judged((r) => (r.FromService.Properties.SourceSecurityGroupId = groupId('LbGroup')))[2]).toBe(
      DB_FAILS('tcp/5432'),
    );
  });
});
