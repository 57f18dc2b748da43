import type { BackupPlanProps } from '../../template/cfn/backup';
import { modelResourceCheck } from '../check';
import { dailyRules } from '../private/cfn';

/** DATA-2: every AWS Backup plan has a rule that runs every day. */
export const backupPlanDailyRule = modelResourceCheck<BackupPlanProps>({
  id: 'DATA2-BackupPlanHasDailyRule',
  claims: ['DATA-2'],
  failure: 'An AWS Backup plan has no rule that runs every day.',
  description:
    'DATA-2: "backed up daily" holds only when a rule fires every day (cron with every day of month and week).',
  evidenceProperties: ['BackupPlan.BackupPlanRule'],
  types: ['AWS::Backup::BackupPlan'],
  judge: (node, model) => dailyRules(model, node).length > 0,
});
