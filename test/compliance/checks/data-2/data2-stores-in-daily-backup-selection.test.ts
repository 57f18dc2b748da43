import { storesInDailyBackupSelection as check } from '../../../../lib/compliance/checks/data-2/data2-stores-in-daily-backup-selection';
import { Change, classified, edited, getAtt, modelOf, onPlatform, outcomes } from '../../../support/check-fixtures';

const data = onPlatform({
  Resources: {
    Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' } },
    Uploads: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'prod-uploads', Tags: classified('customer-data') } },
    Plan: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: { BackupPlan: { BackupPlanRule: [{ RuleName: 'Daily', ScheduleExpression: 'cron(0 3 * * ? *)' }] } },
    },
    Selection: {
      Type: 'AWS::Backup::BackupSelection',
      Properties: {
        BackupPlanId: getAtt('Plan', 'BackupPlanId'),
        BackupSelection: { Resources: [getAtt('Cluster', 'DBClusterArn'), getAtt('Uploads')] },
      },
    },
  },
});
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Data': edited(data, change) }));

describe('DATA2-StoresInDailyBackupSelection', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Data': data }))).toEqual([
      'pass Cluster: cluster Cluster: selected by prod-Data/Selection, whose plan runs daily',
      'pass Uploads: bucket prod-uploads: selected by prod-Data/Selection, whose plan runs daily',
    ]);
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Data': { Resources: data.Resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: no store to judge (replicas do not count)', () => {
    expect(
      judged((r) => {
        delete r.Cluster;
        r.Uploads.Properties.Tags = classified('customer-data-replica');
      }),
    ).toEqual(['fail -: environment prod: no database cluster or customer-data bucket to judge']);
  });

  test('Noncompliance 3: a store left out of the selection', () => {
    expect(judged((r) => r.Selection.Properties.BackupSelection.Resources.pop())).toEqual([
      'pass Cluster: cluster Cluster: selected by prod-Data/Selection, whose plan runs daily',
      'fail Uploads: bucket prod-uploads: in no backup selection of a plan with a daily rule',
    ]);
  });

  test('Noncompliance 4: the plan of the selection does not run daily', () => {
    expect(
      judged((r) => (r.Plan.Properties.BackupPlan.BackupPlanRule[0].ScheduleExpression = 'cron(0 3 ? * SUN *)')),
    ).toEqual([
      'fail Cluster: cluster Cluster: in no backup selection of a plan with a daily rule',
      'fail Uploads: bucket prod-uploads: in no backup selection of a plan with a daily rule',
    ]);
  });
});
