import { uploadsReachedPrivately as check } from '../../../../lib/compliance/checks/data-4/data4-uploads-reached-through-gateway-endpoint';
import { Change, edited, modelOf, onPlatform, outcomes, ref } from '../../../support/check-fixtures';

const network = onPlatform({
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    IgwAttachment: {
      Type: 'AWS::EC2::VPCGatewayAttachment',
      Properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('Igw') },
    },
    S3Endpoint: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: ref('Vpc'),
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
        VpcEndpointType: 'Gateway',
      },
    },
  },
});
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Network': edited(network, change) }));
const NO_ENDPOINT = 'fail Vpc: VPC Vpc: no S3 gateway endpoint; uploads would leave through NAT';

describe('DATA4-UploadsReachedThroughGatewayEndpoint', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Network': network }))).toEqual([
      'pass Vpc: VPC Vpc: S3 gateway endpoint S3Endpoint',
    ]);
  });

  test('Noncompliance 1: no VPC to judge (or no platform metadata)', () => {
    expect(judged((r) => delete r.Vpc)).toEqual(['fail -: no VPC in the assembly to judge']);
    expect(outcomes(check, modelOf({ 'prod-Network': { Resources: network.Resources } }))).toEqual([
      'fail -: no VPC in the assembly to judge',
    ]);
  });

  test('Compliance: a VPC without an internet gateway needs no endpoint (nothing leaves it through NAT)', () => {
    expect(
      judged((r) => {
        delete r.IgwAttachment;
        delete r.S3Endpoint;
      }),
    ).toEqual(['pass Vpc: VPC Vpc: no internet gateway, so nothing in it leaves through NAT']);
  });

  test.each<[number, string, Change]>([
    [2, 'no endpoint', (r) => delete r.S3Endpoint],
    [3, 'an interface endpoint', (r) => (r.S3Endpoint.Properties.VpcEndpointType = 'Interface')],
    [
      4,
      'a gateway endpoint for another service',
      (r) => (r.S3Endpoint.Properties.ServiceName = 'com.amazonaws.eu-west-1.dynamodb'),
    ],
    [5, 'an endpoint of another VPC', (r) => (r.S3Endpoint.Properties.VpcId = 'vpc-0123')],
  ])('Noncompliance %i: %s', (_n, _what, change) => {
    expect(judged(change)).toEqual([NO_ENDPOINT]);
  });
});
