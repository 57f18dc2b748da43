import type { BackupCopyAction, BackupPlanProps, BackupVaultProps } from '../../template/cfn/backup';
import { stageModels } from '../../template/stage-model';
import { Check, CheckResult, fail, pass } from '../check';
import { arnRegion, asArray, dailyRules } from '../private/cfn';

/**
 * DATA-3: every daily backup rule copies its recovery points to a vault in another region, and that vault is
 * declared in the assembly (in a stack of that region, under the name the ARN gives).
 */
export const dailyCopiesLeaveRegion: Check = {
  id: 'DATA3-DailyCopiesLeaveRegion',
  claims: ['DATA-3'],
  description: 'every daily backup rule copies each recovery point to a vault declared in a different region',
  run: (assembly) => {
    const results: CheckResult[] = [];
    for (const model of stageModels(assembly)) {
      const vaults = model.ofType<BackupVaultProps>('AWS::Backup::BackupVault');
      for (const plan of model.ofType<BackupPlanProps>('AWS::Backup::BackupPlan')) {
        for (const rule of dailyRules(model, plan)) {
          const targets = asArray<BackupCopyAction>(rule.CopyActions).map((c) =>
            model.text(plan, c.DestinationBackupVaultArn),
          );
          const found = targets.find((arn) => {
            const region = arnRegion(arn);
            const name = arn?.split(':').slice(6).join(':');
            return (
              region !== undefined &&
              region !== plan.region &&
              vaults.some((v) => v.region === region && model.text(v, v.props.BackupVaultName) === name)
            );
          });
          const label = `plan ${plan.logicalId} rule ${model.text(plan, rule.RuleName) ?? '?'} (${plan.region ?? '?'})`;
          results.push(
            found
              ? pass(`${label}: copies every recovery point to ${found}`, plan.ref)
              : fail(
                  `${label}: no copy to a declared vault of another region (targets: ${targets.join(', ') || 'none'})`,
                  plan.ref,
                ),
          );
        }
      }
    }
    if (results.length === 0) results.push(fail('no daily backup rule in the assembly to judge'));
    return results;
  },
};
