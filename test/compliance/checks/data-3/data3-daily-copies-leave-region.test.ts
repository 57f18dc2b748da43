import { dailyCopiesLeaveRegion as check } from '../../../../lib/compliance/checks/data-3/data3-daily-copies-leave-region';
import { Change, edited, inRegion, modelOf, onPlatform, outcomes, RECOVERY } from '../../../support/check-fixtures';

const RECOVERY_VAULT = 'arn:aws:backup:eu-central-1:123456789012:backup-vault:prod-recovery';
const data = onPlatform({
  Resources: {
    Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'prod-primary' } },
    Plan: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: {
        BackupPlan: {
          BackupPlanRule: [
            {
              RuleName: 'Daily',
              ScheduleExpression: 'cron(0 3 * * ? *)',
              CopyActions: [
                {
                  DestinationBackupVaultArn: {
                    'Fn::Join': [
                      ':',
                      [
                        'arn',
                        { Ref: 'AWS::Partition' },
                        'backup',
                        RECOVERY,
                        { Ref: 'AWS::AccountId' },
                        'backup-vault:prod-recovery',
                      ],
                    ],
                  },
                },
              ],
            },
            { RuleName: 'Weekly', ScheduleExpression: 'cron(0 3 ? * SUN *)' },
          ],
        },
      },
    },
  },
});
const recovery = onPlatform({
  Resources: { Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'prod-recovery' } } },
});
const judged = (change: Change, recoveryRegion = RECOVERY) =>
  outcomes(check, modelOf({ 'prod-Data': edited(data, change), 'prod-Recovery': inRegion(recoveryRegion, recovery) }));
const copiesTo =
  (arn: string): Change =>
  (r) =>
    (r.Plan.Properties.BackupPlan.BackupPlanRule[0].CopyActions = [{ DestinationBackupVaultArn: arn }]);

describe('DATA3-DailyCopiesLeaveRegion', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([
      `pass Plan: plan Plan rule Daily (eu-west-1): copies every recovery point to ${RECOVERY_VAULT}`,
    ]);
  });

  test('Noncompliance 1: no daily rule to judge (or no platform metadata)', () => {
    expect(judged((r) => r.Plan.Properties.BackupPlan.BackupPlanRule.shift())).toEqual([
      'fail -: no daily backup rule in the assembly to judge',
    ]);
    expect(outcomes(check, modelOf({ 'prod-Data': { Resources: data.Resources } }))).toEqual([
      'fail -: no daily backup rule in the assembly to judge',
    ]);
  });

  test('Noncompliance 2: a daily rule without a copy', () => {
    expect(judged((r) => delete r.Plan.Properties.BackupPlan.BackupPlanRule[0].CopyActions)).toEqual([
      'fail Plan: plan Plan rule Daily (eu-west-1): no copy to a declared vault of another region (targets: none)',
    ]);
  });

  test('Noncompliance 3: a copy to a vault of the same region', () => {
    const arn = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:prod-primary';
    expect(judged(copiesTo(arn))).toEqual([
      `fail Plan: plan Plan rule Daily (eu-west-1): no copy to a declared vault of another region (targets: ${arn})`,
    ]);
  });

  test('Noncompliance 4: a copy to a vault the assembly does not declare', () => {
    const arn = 'arn:aws:backup:eu-central-1:123456789012:backup-vault:elsewhere';
    expect(judged(copiesTo(arn))).toEqual([
      `fail Plan: plan Plan rule Daily (eu-west-1): no copy to a declared vault of another region (targets: ${arn})`,
    ]);
  });

  test('Noncompliance 5: the named vault is declared, but in another region than the ARN says', () => {
    expect(judged(() => {}, 'eu-north-1')).toEqual([
      `fail Plan: plan Plan rule Daily (eu-west-1): no copy to a declared vault of another region (targets: ${RECOVERY_VAULT})`,
    ]);
  });
});
