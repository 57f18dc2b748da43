import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { NagRuleCompliance } from 'cdk-nag';
import {
  databaseInIsolatedSubnets,
  securityGroupChain,
  isolatedSubnetNoInternetRoute,
  publicIngressOnlyToLoadBalancer,
  vpcFlowLogsAllTraffic,
} from '../../lib/compliance/checks';
import {
  assemblyOf,
  judge,
  referenceCheckResults,
  referenceClaimStatus,
  referenceRuleResults,
  scratchStack,
} from '../network/support/claims';

const subnet = (tier: string, az = 'eu-west-1a') => ({
  Type: 'AWS::EC2::Subnet',
  Properties: { AvailabilityZone: az, Tags: [{ Key: 'aws-cdk:subnet-type', Value: tier }] },
});

describe('TRANSIT-2 (network): firewalled private networks', () => {
  test('the reference VPC logs all traffic, isolated subnets have no internet route, only the load balancer is public', () => {
    // The platform VPC, and the recovery region's restore-test VPC (lib/backup/restore-test-network.ts).
    expect(referenceRuleResults([vpcFlowLogsAllTraffic]).map((r) => r.status)).toEqual(['pass', 'pass']);
    // Three isolated subnets in each.
    expect(referenceRuleResults([isolatedSubnetNoInternetRoute]).map((r) => r.status)).toEqual(Array(6).fill('pass'));
    const ingress = referenceRuleResults([publicIngressOnlyToLoadBalancer]);
    expect(ingress.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(ingress.length).toBeGreaterThan(3);
  });

  test('the reference security groups chain load balancer -> service -> database and the database is isolated', () => {
    const chain = referenceCheckResults([securityGroupChain]);
    expect(chain.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(chain.map((r) => r.detail)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^service group: in tcp\/8080 from the load balancer; out tcp\/443, tcp\/\d+$/),
      ]),
    );
    // The database's subnet group and the ones restore tests restore into, in each region (lib/backup).
    expect(referenceCheckResults([databaseInIsolatedSubnets]).map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  });

  test('the evidence marks TRANSIT-2 proven', () => {
    expect(referenceClaimStatus('TRANSIT-2')).toEqual({
      status: 'proven',
      reason: expect.stringContaining('none failing'),
    });
  });

  test('fails when a VPC has no flow log', () => {
    const stack = scratchStack();
    new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }],
    });
    expect(judge(vpcFlowLogsAllTraffic, stack)).toEqual([NagRuleCompliance.NON_COMPLIANT]);
  });

  test('fails when an isolated subnet routes to a NAT gateway', () => {
    const stack = scratchStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      subnetConfiguration: [{ name: 'Db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    (vpc.isolatedSubnets[0] as ec2.Subnet).addRoute('Leak', {
      routerType: ec2.RouterType.NAT_GATEWAY,
      routerId: 'nat-123',
    });
    expect(judge(isolatedSubnetNoInternetRoute, stack)).toContain(NagRuleCompliance.NON_COMPLIANT);
  });

  test('fails when a security group that is not the load balancer admits the internet', () => {
    const stack = scratchStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }],
    });
    new ec2.SecurityGroup(stack, 'Open', { vpc }).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
    expect(judge(publicIngressOnlyToLoadBalancer, stack, 'AWS::EC2::SecurityGroup')).toContain(
      NagRuleCompliance.NON_COMPLIANT,
    );
  });

  test('fails when the load balancer admits the internet on SSH', () => {
    const stack = scratchStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }],
    });
    const sg = new ec2.SecurityGroup(stack, 'LbSg', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true, securityGroup: sg });
    expect(judge(publicIngressOnlyToLoadBalancer, stack, 'AWS::EC2::SecurityGroup')).toEqual([
      NagRuleCompliance.NON_COMPLIANT,
    ]);
  });

  test('fails when the service admits an address range and the database admits the load balancer', () => {
    const assembly = assemblyOf({
      'x-Service': {
        Resources: {
          LbSg: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
          Lb: {
            Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
            Properties: { SecurityGroups: [{ 'Fn::GetAtt': ['LbSg', 'GroupId'] }] },
          },
          SvcSg: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: {
              SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '10.0.0.0/8' }],
            },
          },
          Svc: {
            Type: 'AWS::ECS::Service',
            Properties: {
              NetworkConfiguration: {
                AwsvpcConfiguration: { SecurityGroups: [{ 'Fn::GetAtt': ['SvcSg', 'GroupId'] }] },
              },
            },
          },
          DbSg: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: {
              SecurityGroupIngress: [
                {
                  IpProtocol: 'tcp',
                  FromPort: 5432,
                  ToPort: 5432,
                  SourceSecurityGroupId: { 'Fn::GetAtt': ['LbSg', 'GroupId'] },
                },
              ],
            },
          },
          Db: {
            Type: 'AWS::RDS::DBCluster',
            Properties: { VpcSecurityGroupIds: [{ 'Fn::GetAtt': ['DbSg', 'GroupId'] }] },
          },
        },
      },
    });
    const failures = securityGroupChain.run(assembly).filter((r) => r.status === 'fail');
    expect(failures.map((f) => f.resource?.logicalId)).toEqual(['SvcSg', 'DbSg']);
    expect(failures[0].detail).toContain('ingress not from a load balancer on one port: tcp/8080');
  });

  test('fails when the database subnet group uses private subnets', () => {
    const assembly = assemblyOf({
      'x-Data': {
        Resources: {
          A: subnet('Private'),
          B: subnet('Isolated', 'eu-west-1b'),
          Group: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { SubnetIds: [{ Ref: 'A' }, { Ref: 'B' }] } },
        },
      },
    });
    expect(databaseInIsolatedSubnets.run(assembly)).toEqual([
      expect.objectContaining({ status: 'fail', detail: '2 subnet(s), tiers: Private, Isolated' }),
    ]);
  });

  test('fails when there is nothing to judge', () => {
    expect(securityGroupChain.run(assemblyOf({}))[0].status).toBe('fail');
    expect(databaseInIsolatedSubnets.run(assemblyOf({}))[0].status).toBe('fail');
  });
});
