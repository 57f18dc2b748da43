import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { asArray, cfnProperties } from './private/cfn';

/** `cron(min hour * * ? *)`: one run a day, every day. */
export const DAILY_CRON = /^cron\(\s*\d{1,2}\s+\d{1,2}\s+\*\s+\*\s+\?\s+\*\s*\)$/;

/** DATA-2: every AWS Backup plan has a rule that runs every day. */
export const backupPlanDailyRule: ClaimRule = {
  id: 'DATA2-BackupPlanHasDailyRule',
  claims: ['DATA-2'],
  info: 'An AWS Backup plan has no rule that runs every day.',
  explanation:
    'DATA-2: "backed up daily" holds only when a rule fires every day (cron with every day of month and week).',
  evidenceProperties: ['BackupPlan.BackupPlanRule'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::Backup::BackupPlan') return NagRuleCompliance.NOT_APPLICABLE;
    const rules = asArray(
      (cfnProperties(node).BackupPlan as { BackupPlanRule?: { ScheduleExpression?: string }[] } | undefined)
        ?.BackupPlanRule,
    );
    return rules.some((r) => DAILY_CRON.test(String(r.ScheduleExpression ?? '')))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
};
