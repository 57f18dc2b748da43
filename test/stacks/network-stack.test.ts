import { Match } from 'aws-cdk-lib/assertions';
import { optedOutTemplate, referenceTemplate } from '../support/reference-assembly';
import { unacknowledgedFindingsUnder } from '../support/shared-validation-report';

// GIVEN the reference platform and the one with every opt-out, synthesized once by the global setup
describe('NetworkStack', () => {
  test('spans the three configured zones with public, private and isolated subnets', () => {
    const t = referenceTemplate('Network');
    t.resourceCountIs('AWS::EC2::Subnet', 9);
    for (const zone of ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']) {
      t.resourcePropertiesCountIs('AWS::EC2::Subnet', { AvailabilityZone: zone }, 3);
    }
    t.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true }, 0);
  });

  test('has one NAT gateway per zone by default', () => {
    referenceTemplate('Network').resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  test('logs all traffic to a KMS-encrypted log group kept at least a year', () => {
    const t = referenceTemplate('Network');
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', ResourceType: 'VPC' });
    t.hasResource('AWS::Logs::LogGroup', {
      Properties: { KmsKeyId: Match.anyValue(), RetentionInDays: Match.anyValue() },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    const groups = t.findResources('AWS::Logs::LogGroup');
    for (const g of Object.values(groups)) expect(g.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
  });

  test('closes the default security group and keeps the isolated tier VPC-internal', () => {
    const t = referenceTemplate('Network');
    t.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    t.resourceCountIs('AWS::EC2::SubnetNetworkAclAssociation', 3);
    t.resourcePropertiesCountIs('AWS::EC2::NetworkAclEntry', { CidrBlock: '10.0.0.0/16', RuleAction: 'allow' }, 2);
  });

  test('reaches S3 through a gateway endpoint and AWS APIs through private interface endpoints open to the VPC on 443', () => {
    const t = referenceTemplate('Network');
    t.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' }, 1);
    t.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', PrivateDnsEnabled: true }, 6);
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }],
    });
  });

  test('has no unacknowledged finding of any stock pack or the claims pack', () => {
    expect(unacknowledgedFindingsUnder('ref/Network/')).toEqual([]);
  });
});

describe('NetworkStack with optOuts.natGateways', () => {
  test('builds fewer NAT gateways only when opted out', () => {
    // GIVEN one NAT gateway by opt-out (optOuts.natGateways = 1)
    optedOutTemplate('Network').resourceCountIs('AWS::EC2::NatGateway', 1);
  });
});
