import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties } from './private/cfn';

/** DATA-2: Aurora keeps automated backups (point-in-time restore) at least 7 days; the platform default is 35. */
export const auroraBackupRetention: ClaimRule = {
  id: 'DATA2-AuroraBackupRetentionAtLeastSevenDays',
  claims: ['DATA-2'],
  info: 'A database cluster keeps automated backups fewer than 7 days.',
  explanation: 'DATA-2: a daily backup is only worth something while it is kept; Aurora defaults to 1 day.',
  evidenceProperties: ['BackupRetentionPeriod', 'PreferredBackupWindow'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::RDS::DBCluster') return NagRuleCompliance.NOT_APPLICABLE;
    const days = Number(cfnProperties(node).BackupRetentionPeriod ?? 1);
    return days >= 7 ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
