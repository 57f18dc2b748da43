import { databaseStorageCmk as check } from '../../../../lib/compliance/checks/rest-2/rest2-database-storage-customer-managed-key';
import { Change, edited, getAtt, kmsKey, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const database = {
  Resources: {
    Key: kmsKey(),
    Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { StorageEncrypted: true, KmsKeyId: getAtt('Key') } },
    Writer: {
      Type: 'AWS::RDS::DBInstance',
      Properties: {
        DBClusterIdentifier: ref('Cluster'),
        EnablePerformanceInsights: true,
        PerformanceInsightsKMSKeyId: getAtt('Key'),
      },
    },
    // Collects no Performance Insights data: nothing to encrypt.
    Reader: { Type: 'AWS::RDS::DBInstance', Properties: { DBClusterIdentifier: ref('Cluster') } },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(database, change) }));

describe('REST2-DatabaseStorageCustomerManagedKey', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': database }))).toEqual(['Cluster: compliant', 'Writer: compliant']);
  });

  test('Noncompliance 1: storage not encrypted', () => {
    expect(judged((r) => (r.Cluster.Properties.StorageEncrypted = false))).toEqual([
      'Cluster: StorageNotEncrypted',
      'Writer: compliant',
    ]);
  });

  test('Noncompliance 2: storage under a key that is not a key of the stack', () => {
    expect(judged((r) => (r.Cluster.Properties.KmsKeyId = 'alias/aws/rds'))).toEqual([
      'Cluster: StorageKeyNotCustomerManaged',
      'Writer: compliant',
    ]);
  });

  test('Noncompliance 3: a storage key without rotation', () => {
    expect(
      judged((r) => {
        r.Unrotated = kmsKey(false);
        r.Cluster.Properties.KmsKeyId = getAtt('Unrotated');
      }),
    ).toEqual(['Cluster: StorageKeyRotationOff', 'Writer: compliant']);
  });

  test('Noncompliance 4: Performance Insights under the AWS managed key', () => {
    expect(
      judged((r) => {
        delete r.Writer.Properties.PerformanceInsightsKMSKeyId;
        r.Reader.Properties.PerformanceInsightsEnabled = true;
      }),
    ).toEqual([
      'Cluster: compliant',
      'Writer: PerformanceInsightsNotCustomerManagedKey',
      'Reader: PerformanceInsightsNotCustomerManagedKey',
    ]);
  });
});
