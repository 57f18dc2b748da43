import { restoresTested as check } from '../../../../lib/compliance/checks/data-2/data2-restores-tested';
import {
  Change,
  classified,
  edited,
  getAtt,
  modelOf,
  onPlatform,
  outcomes,
  ref,
} from '../../../support/check-fixtures';

const data = onPlatform({
  Resources: {
    Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' } },
    Uploads: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'prod-uploads', Tags: classified('customer-data') } },
    Dumps: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'prod-dumps', Tags: classified('database-dump') } },
    Plan: {
      Type: 'AWS::Backup::RestoreTestingPlan',
      Properties: { RestoreTestingPlanName: 'prod_restore_tests_primary', ScheduleExpression: 'cron(0 5 ? * SAT *)' },
    },
    DatabaseSelection: {
      Type: 'AWS::Backup::RestoreTestingSelection',
      Properties: {
        RestoreTestingPlanName: 'prod_restore_tests_primary',
        ProtectedResourceType: 'Aurora',
        ProtectedResourceArns: [getAtt('Cluster', 'DBClusterArn')],
        RestoreMetadataOverrides: { dbsubnetgroupname: ref('Subnets'), vpcsecuritygroupids: '["sg-1"]' },
      },
    },
    BucketSelection: {
      Type: 'AWS::Backup::RestoreTestingSelection',
      Properties: {
        RestoreTestingPlanName: 'prod_restore_tests_primary',
        ProtectedResourceType: 'S3',
        ProtectedResourceArns: [getAtt('Uploads')],
      },
    },
    Validation: { Type: 'AWS::Lambda::Function', Properties: {} },
    Completed: {
      Type: 'AWS::Events::Rule',
      Properties: {
        State: 'ENABLED',
        EventPattern: {
          source: ['aws.backup'],
          'detail-type': ['Restore Job State Change'],
          detail: { status: ['COMPLETED'], restoreTestingPlanArn: [getAtt('Plan', 'RestoreTestingPlanArn')] },
        },
        Targets: [{ Arn: getAtt('Validation'), Id: 'Target0' }],
      },
    },
  },
});
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Data': edited(data, change) }));
const PASS = [
  'pass Cluster: cluster Cluster: restore-tested by prod-Data/Plan, validated',
  'pass Uploads: bucket prod-uploads: restore-tested by prod-Data/Plan, validated',
];

describe('DATA2-RestoresTested', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Data': data }))).toEqual(PASS);
  });

  test('Compliance: a bucket named by its literal ARN (the recovery region names the source bucket so)', () => {
    expect(judged((r) => (r.BucketSelection.Properties.ProtectedResourceArns = ['arn:aws:s3:::prod-uploads']))).toEqual(
      PASS,
    );
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Data': { Resources: data.Resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: a store in no restore testing selection', () => {
    expect(judged((r) => delete r.BucketSelection)).toEqual([
      PASS[0],
      'fail Uploads: bucket prod-uploads: in no restore testing selection',
    ]);
  });

  test('Noncompliance 3: the plan runs monthly', () => {
    expect(judged((r) => (r.Plan.Properties.ScheduleExpression = 'cron(0 5 1 * ? *)'))).toEqual([
      "fail Cluster: cluster Cluster: plan Plan runs 'cron(0 5 1 * ? *)', not at least weekly",
      "fail Uploads: bucket prod-uploads: plan Plan runs 'cron(0 5 1 * ? *)', not at least weekly",
    ]);
  });

  test('Noncompliance 4: the Aurora restore is left to the default VPC', () => {
    expect(judged((r) => delete r.DatabaseSelection.Properties.RestoreMetadataOverrides)).toEqual([
      'fail Cluster: cluster Cluster: selection DatabaseSelection leaves dbsubnetgroupname, vpcsecuritygroupids to AWS (default VPC)',
      PASS[1],
    ]);
  });

  test('Noncompliance 5: no validation of completed restores', () => {
    const missing = 'no plan of its own region sends completed restores to a validation function';
    expect(judged((r) => (r.Completed.Properties.State = 'DISABLED'))).toEqual([
      `fail Cluster: cluster Cluster: ${missing}`,
      `fail Uploads: bucket prod-uploads: ${missing}`,
    ]);
    expect(judged((r) => (r.Completed.Properties.EventPattern.detail.status = ['FAILED']))).toEqual([
      `fail Cluster: cluster Cluster: ${missing}`,
      `fail Uploads: bucket prod-uploads: ${missing}`,
    ]);
  });

  test('Noncompliance 6: the selection names a plan that does not exist', () => {
    expect(judged((r) => (r.DatabaseSelection.Properties.RestoreTestingPlanName = 'other'))).toEqual([
      'fail Cluster: cluster Cluster: selection DatabaseSelection names no plan of its stack; no plan of its own region sends completed restores to a validation function',
      PASS[1],
    ]);
  });
});
