import { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { storesInDailyBackupSelection, auroraBackupRetention, backupPlanDailyRule } from '../../lib/compliance/checks';
import {
  failuresOf,
  judge,
  ofType,
  referenceClaimStatus,
  scratchStack,
  weakenedReference,
  referenceFailures,
} from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';

describe('DATA-2: backed up daily', () => {
  test('the reference platform satisfies every DATA-2 rule and check', () => {
    expect(referenceFailures('DATA-2')).toEqual([]);
  });

  test('the daily selection names the cluster, the upload bucket and the dump bucket', () => {
    const passes = storesInDailyBackupSelection
      .run(referenceAssembly())
      .filter((r) => r.status === 'pass')
      .map((r) => r.detail);
    expect(passes).toEqual([
      expect.stringMatching(/^cluster DatabaseCluster/),
      expect.stringMatching(/^bucket ref-uploads-123456789012-eu-west-1: selected/),
      expect.stringMatching(/^bucket ref-dumps-123456789012-eu-west-1: selected/),
    ]);
  });

  test('the evidence marks DATA-2 proven', () => {
    expect(referenceClaimStatus('DATA-2').status).toBe('proven');
  });

  test('fails when Aurora keeps automated backups one day', () => {
    const stack = scratchStack();
    new rds.CfnDBCluster(stack, 'Db', { engine: 'aurora-postgresql', backupRetentionPeriod: 1 });
    expect(judge(auroraBackupRetention, stack)).toEqual([NagRuleCompliance.NON_COMPLIANT]);
  });

  test('fails when the only backup rule runs weekly', () => {
    const stack = scratchStack();
    new backup.BackupPlan(stack, 'Weekly', {
      backupPlanRules: [
        new backup.BackupPlanRule({
          scheduleExpression: events.Schedule.cron({ weekDay: 'SUN', hour: '3', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
      ],
    });
    expect(judge(backupPlanDailyRule, stack)).toEqual([NagRuleCompliance.NON_COMPLIANT]);
  });

  test('fails when the dump bucket is left out of the backup selection', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Data') return;
      const [, selection] = ofType(t.Resources, 'AWS::Backup::BackupSelection')[0];
      const dumps = ofType(t.Resources, 'AWS::S3::Bucket').find(([, b]) =>
        String(b.Properties.BucketName).includes('-dumps-'),
      )![0];
      selection.Properties.BackupSelection.Resources = selection.Properties.BackupSelection.Resources.filter(
        (r: unknown) => !JSON.stringify(r).includes(dumps),
      );
    });
    expect(failuresOf(storesInDailyBackupSelection, weak)).toEqual([
      'bucket ref-dumps-123456789012-eu-west-1: in no backup selection of a plan with a daily rule',
    ]);
  });

  test('fails when the plan stops running daily', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, plan] of ofType(t.Resources, 'AWS::Backup::BackupPlan')) {
        for (const rule of plan.Properties.BackupPlan.BackupPlanRule) rule.ScheduleExpression = 'cron(0 3 ? * SUN *)';
      }
    });
    expect(failuresOf(storesInDailyBackupSelection, weak)).toHaveLength(3);
  });
});
