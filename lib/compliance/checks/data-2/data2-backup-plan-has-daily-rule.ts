import { DAILY_CRON } from '../../../core/requirements/data';
import { ofTypes, resourceCheck } from '../check';
import { asArray, props } from '../private/cfn';

/** DATA-2: every AWS Backup plan has a rule that runs every day. */
export const backupPlanDailyRule = resourceCheck({
  id: 'DATA2-BackupPlanHasDailyRule',
  claims: ['DATA-2'],
  failure: 'An AWS Backup plan has no rule that runs every day.',
  description:
    'DATA-2: "backed up daily" holds only when a rule fires every day (cron with every day of month and week).',
  evidenceProperties: ['BackupPlan.BackupPlanRule'],
  appliesTo: ofTypes('AWS::Backup::BackupPlan'),
  judge: (node) => {
    const rules = asArray(
      (props(node).BackupPlan as { BackupPlanRule?: { ScheduleExpression?: string }[] } | undefined)?.BackupPlanRule,
    );
    return rules.some((r) => DAILY_CRON.test(String(r.ScheduleExpression ?? ''))) ? true : false;
  },
});
