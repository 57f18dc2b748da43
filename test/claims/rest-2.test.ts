import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { databaseStorageCmk } from '../../lib/compliance/checks';
import { checksOf, judge, referenceClaimStatus, referenceRuleResults, scratchStack } from '../support/claims-support';

describe('REST-2: databases encrypted at rest (the page says "generally not")', () => {
  test('the reference platform satisfies every REST-2 rule: cluster storage and Performance Insights of three instances', () => {
    // REST-2's own rules (the check of every store, which also names REST-2, is judged under REST-1).
    const results = referenceRuleResults(checksOf('REST-2').rules.filter((c) => c.id.startsWith('REST2-')));
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(
      results
        .filter((r) => r.status === 'pass')
        .map((r) => r.type)
        .sort(),
    ).toEqual(['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance', 'AWS::RDS::DBInstance', 'AWS::RDS::DBInstance']);
  });

  test('the evidence says REST-2 exceeds the claim', () => {
    const { status, reason } = referenceClaimStatus('REST-2');
    expect(status).toBe('exceeds claim');
    expect(reason).toMatch(/every database here is encrypted at rest with a customer managed key/);
  });

  test('a cluster under a rotated key of its stack is compliant', () => {
    const stack = scratchStack();
    const key = new kms.Key(stack, 'K', { enableKeyRotation: true });
    new rds.CfnDBCluster(stack, 'Db', { engine: 'aurora-postgresql', storageEncrypted: true, kmsKeyId: key.keyArn });
    expect(judge(databaseStorageCmk, stack)).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when storage is not encrypted', () => {
    const stack = scratchStack();
    new rds.CfnDBCluster(stack, 'Db', { engine: 'aurora-postgresql' });
    expect(judge(databaseStorageCmk, stack)).toEqual([['StorageNotEncrypted']]);
  });

  test('fails when storage uses the AWS managed key', () => {
    const stack = scratchStack();
    new rds.CfnDBCluster(stack, 'Db', { engine: 'aurora-postgresql', storageEncrypted: true });
    expect(judge(databaseStorageCmk, stack)).toEqual([['StorageKeyNotCustomerManaged']]);
  });

  test('fails when Performance Insights uses the AWS managed key', () => {
    const stack = scratchStack();
    new rds.CfnDBInstance(stack, 'I', {
      engine: 'aurora-postgresql',
      dbInstanceClass: 'db.r6g.large',
      enablePerformanceInsights: true,
      dbClusterIdentifier: 'c',
    });
    expect(judge(databaseStorageCmk, stack)).toEqual([['PerformanceInsightsNotCustomerManagedKey']]);
  });
});
