import * as rds from 'aws-cdk-lib/aws-rds';
import { auroraInstancesInDistinctZones } from '../../lib/compliance/checks';
import { judge, referenceRuleResults, scratchStack } from '../support/claims-support';

describe('HA-1 (database): writer and at least two readers in three zones', () => {
  test('the reference database has three instances in three distinct zones', () => {
    const results = referenceRuleResults([auroraInstancesInDistinctZones]);
    expect(results.map((r) => r.status)).toEqual(['pass']);
    expect(auroraInstancesInDistinctZones.claims).toContain('HA-1');
  });

  test('fails when the cluster has a writer and one reader', () => {
    const stack = scratchStack();
    const cluster = new rds.CfnDBCluster(stack, 'Db', { engine: 'aurora-postgresql' });
    for (const [i, zone] of ['eu-west-1a', 'eu-west-1b'].entries()) {
      new rds.CfnDBInstance(stack, `I${i}`, {
        engine: 'aurora-postgresql',
        dbInstanceClass: 'db.r6g.large',
        dbClusterIdentifier: cluster.ref,
        availabilityZone: zone,
      });
    }
    expect(judge(auroraInstancesInDistinctZones, stack)).toEqual([
      ['FewerThanThreeInstances', 'FewerThanThreeDistinctZones'],
    ]);
  });
});
