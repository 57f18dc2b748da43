import { isolatedSubnetNoInternetRoute as check } from '../../../../lib/compliance/checks/transit-2/transit2-isolated-subnet-no-internet-route';
import { Change, edited, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const subnet = (tier: string) => ({
  Type: 'AWS::EC2::Subnet',
  Properties: { Tags: [{ Key: 'aws-cdk:subnet-type', Value: tier }] },
});
const association = (subnetId: string, table: string) => ({
  Type: 'AWS::EC2::SubnetRouteTableAssociation',
  Properties: { SubnetId: ref(subnetId), RouteTableId: ref(table) },
});
const network = {
  Resources: {
    Isolated: subnet('Isolated'),
    IsolatedTable: { Type: 'AWS::EC2::RouteTable', Properties: {} },
    IsolatedAssociation: association('Isolated', 'IsolatedTable'),
    // The public tier routes to the internet gateway, as it should: not judged.
    Public: subnet('Public'),
    PublicTable: { Type: 'AWS::EC2::RouteTable', Properties: {} },
    PublicAssociation: association('Public', 'PublicTable'),
    PublicRoute: {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: ref('PublicTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') },
    },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Network': edited(network, change) }));

describe('TRANSIT2-IsolatedSubnetNoInternetRoute', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Network': network }))).toEqual(['Isolated: compliant']);
  });

  test.each([
    [1, 'GatewayId'],
    [2, 'NatGatewayId'],
    [3, 'EgressOnlyInternetGatewayId'],
    [4, 'TransitGatewayId'],
  ])('Noncompliance %i: a route by %s', (_n, target) => {
    const route = { RouteTableId: ref('IsolatedTable'), DestinationCidrBlock: '0.0.0.0/0', [target]: ref('Exit') };
    expect(judged((r) => (r.Exit = { Type: 'AWS::EC2::Route', Properties: route }))).toEqual([
      'Isolated: non-compliant',
    ]);
  });
});
