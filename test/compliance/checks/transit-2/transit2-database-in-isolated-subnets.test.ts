import { databaseInIsolatedSubnets as check } from '../../../../lib/compliance/checks/transit-2/transit2-database-in-isolated-subnets';
import { Change, edited, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const subnet = (tier: string) => ({
  Type: 'AWS::EC2::Subnet',
  Properties: { Tags: [{ Key: 'aws-cdk:subnet-type', Value: tier }] },
});
const database = {
  Resources: {
    IsolatedA: subnet('Isolated'),
    IsolatedB: subnet('Isolated'),
    PrivateA: subnet('Private'),
    Group: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { SubnetIds: [ref('IsolatedA'), ref('IsolatedB')] } },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Network': edited(database, change) }));

describe('TRANSIT2-DatabaseInIsolatedSubnets', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Network': database }))).toEqual([
      'pass Group: 2 subnet(s), tiers: Isolated, Isolated',
    ]);
  });

  test('Noncompliance 1: no database subnet group to judge', () => {
    expect(judged((r) => delete r.Group)).toEqual(['fail -: no database subnet group found to judge']);
  });

  test('Noncompliance 2: a subnet of the private tier', () => {
    expect(judged((r) => (r.Group.Properties.SubnetIds[1] = ref('PrivateA')))).toEqual([
      'fail Group: 2 subnet(s), tiers: Isolated, Private',
    ]);
  });

  test('Noncompliance 3: a subnet the assembly does not declare', () => {
    expect(judged((r) => (r.Group.Properties.SubnetIds[1] = 'subnet-0123'))).toEqual([
      'fail Group: 2 subnet(s), tiers: Isolated, unknown',
    ]);
  });

  test('Noncompliance 4: no subnet at all', () => {
    expect(judged((r) => (r.Group.Properties.SubnetIds = []))).toEqual(['fail Group: 0 subnet(s), tiers: ']);
  });
});
