import { databaseForcesTls as check } from '../../../../lib/compliance/checks/transit-1/transit1-database-forces-tls';
import { Change, edited, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const database = {
  Resources: {
    Params: {
      Type: 'AWS::RDS::DBClusterParameterGroup',
      Properties: { Family: 'aurora-postgresql16', Parameters: { 'rds.force_ssl': '1' } },
    },
    Cluster: {
      Type: 'AWS::RDS::DBCluster',
      Properties: { Engine: 'aurora-postgresql', DBClusterParameterGroupName: ref('Params') },
    },
    // Not PostgreSQL: rds.force_ssl does not apply.
    Legacy: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-mysql' } },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(database, change) }));

describe('TRANSIT1-DatabaseForcesTls', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': database }))).toEqual(['Cluster: compliant']);
  });

  test('Noncompliance 1: no cluster parameter group of the stack (the engine default)', () => {
    expect(judged((r) => (r.Cluster.Properties.DBClusterParameterGroupName = 'default.aurora-postgresql16'))).toEqual([
      'Cluster: NoClusterParameterGroupOfThisStack',
    ]);
  });

  test('Noncompliance 2: rds.force_ssl off', () => {
    expect(judged((r) => (r.Params.Properties.Parameters['rds.force_ssl'] = '0'))).toEqual(['Cluster: ForceSslOff']);
  });
});
