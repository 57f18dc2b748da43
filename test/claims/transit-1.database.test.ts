import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { databaseForcesTls } from '../../lib/compliance/checks';
import { judge, referenceRuleResults, scratchStack } from '../support/claims-support';

function clusterWith(parameters: Record<string, string> | undefined) {
  const stack = scratchStack();
  const group = parameters
    ? new rds.CfnDBClusterParameterGroup(stack, 'P', { family: 'aurora-postgresql17', description: 'p', parameters })
    : undefined;
  new rds.CfnDBCluster(stack, 'Db', { engine: 'aurora-postgresql', dbClusterParameterGroupName: group?.ref });
  return stack;
}

describe('TRANSIT-1 (database): the database refuses connections without TLS', () => {
  test('the reference cluster forces TLS', () => {
    const results = referenceRuleResults([databaseForcesTls]);
    expect(results.map((r) => r.status)).toEqual(['pass']);
    expect(results[0].properties.DBClusterParameterGroupName).toBeDefined();
  });

  test('a cluster parameter group with rds.force_ssl = 1 is compliant', () => {
    expect(judge(databaseForcesTls, clusterWith({ 'rds.force_ssl': '1' }))).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when rds.force_ssl is 0', () => {
    expect(judge(databaseForcesTls, clusterWith({ 'rds.force_ssl': '0' }))).toEqual([['ForceSslOff']]);
  });

  test('fails when the cluster uses the default parameter group', () => {
    expect(judge(databaseForcesTls, clusterWith(undefined))).toEqual([['NoClusterParameterGroupOfThisStack']]);
  });
});
