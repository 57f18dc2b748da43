import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SecureNetwork } from '../../lib/network/secure-network';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const newStack = () => new Stack(new App(), 'S', { env: { region: 'eu-west-1' } });

describe('SecureNetwork', () => {
  let template: Template;
  beforeAll(() => {
    // GIVEN a network with no props but its zones
    const stack = newStack();
    new SecureNetwork(stack, 'Net', { availabilityZones: ZONES });
    template = Template.fromStack(stack);
  });

  test('gives nothing in the public tier an automatic public IP', () => {
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false }, 9);
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true }, 0);
  });

  test('routes the isolated tier nowhere outside the VPC', () => {
    const isolated = template.findResources('AWS::EC2::Subnet', {
      Properties: { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-type', Value: 'Isolated' }]) },
    });
    expect(Object.keys(isolated)).toHaveLength(3);
    // 3 routes to the internet gateway (public) and 3 to NAT gateways (private); none for isolated
    template.resourceCountIs('AWS::EC2::Route', 6);
  });

  test('encrypts flow logs with a rotating customer managed key and retains key and log group', () => {
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731, KmsKeyId: Match.anyValue() });
  });

  test('grants flow logs through a customer managed policy, not an inline one', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
  });

  test('fails when given two zones', () => {
    expect(() => new SecureNetwork(newStack(), 'Net', { availabilityZones: ZONES.slice(0, 2) })).toThrow(
      /availabilityZones = \["eu-west-1a","eu-west-1b"\]: the network spans exactly three distinct zones/,
    );
  });

  test('fails when natGateways is 0', () => {
    expect(() => new SecureNetwork(newStack(), 'Net', { availabilityZones: ZONES, natGateways: 0 })).toThrow(
      /natGateways = 0: must be a whole number from 1 to 3/,
    );
  });

  test('fails when flow logs would be kept less than a year', () => {
    expect(() => new SecureNetwork(newStack(), 'Net', { availabilityZones: ZONES, flowLogRetention: 90 })).toThrow(
      /flowLogRetention = 90 days: flow logs are kept at least 365 days/,
    );
  });
});
