import { backupPlanDailyRule as check } from '../../../../lib/compliance/checks/data-2/data2-backup-plan-has-daily-rule';
import { modelOf, verdicts } from '../../../support/check-fixtures';

const plan = (...schedules: string[]) =>
  modelOf({
    'prod-Data': {
      Resources: {
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: {
              BackupPlanName: 'prod',
              BackupPlanRule: schedules.map((s, i) => ({ RuleName: `R${i}`, ScheduleExpression: s })),
            },
          },
        },
      },
    },
  });

describe('DATA2-BackupPlanHasDailyRule', () => {
  test('Compliance', () => {
    expect(verdicts(check, plan('cron(0 3 ? * SUN *)', 'cron(0 5 * * ? *)'))).toEqual(['Plan: compliant']);
  });

  test('Noncompliance 1: only a weekly rule', () => {
    expect(verdicts(check, plan('cron(0 3 ? * SUN *)'))).toEqual(['Plan: non-compliant']);
  });

  test('Noncompliance 2: no rule at all', () => {
    expect(verdicts(check, plan())).toEqual(['Plan: non-compliant']);
  });
});
