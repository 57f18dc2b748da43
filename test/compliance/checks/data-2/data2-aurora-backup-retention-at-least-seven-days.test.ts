import { auroraBackupRetention as check } from '../../../../lib/compliance/checks/data-2/data2-aurora-backup-retention-at-least-seven-days';
import { modelOf, verdicts } from '../../../support/check-fixtures';

const cluster = (properties: Record<string, unknown>) =>
  modelOf({ 'prod-Data': { Resources: { Cluster: { Type: 'AWS::RDS::DBCluster', Properties: properties } } } });

describe('DATA2-AuroraBackupRetentionAtLeastSevenDays', () => {
  test('Compliance', () => {
    const model = cluster({ BackupRetentionPeriod: 35, PreferredBackupWindow: '01:00-02:00' });
    expect(verdicts(check, model)).toEqual(['Cluster: compliant']);
    expect(check.run(model)[0].properties).toEqual({ BackupRetentionPeriod: 35, PreferredBackupWindow: '01:00-02:00' });
    expect(verdicts(check, cluster({ BackupRetentionPeriod: 7 }))).toEqual(['Cluster: compliant']);
  });

  test('Noncompliance 1: six days', () => {
    expect(check.run(cluster({ BackupRetentionPeriod: 6 }))).toEqual([
      expect.objectContaining({
        status: 'fail',
        detail: 'A database cluster keeps automated backups fewer than 7 days.',
      }),
    ]);
  });

  test("Noncompliance 2: no retention set (Aurora's default of one day)", () => {
    expect(verdicts(check, cluster({}))).toEqual(['Cluster: non-compliant']);
  });
});
