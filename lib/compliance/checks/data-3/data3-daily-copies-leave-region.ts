import { Check, CheckResult, fail, pass } from '../check';
import { PlatformAssembly, toRef } from '../../template/platform-assembly';
import { arnRegion, asArray, DAILY_CRON, flatten, platformEnvironments, prop, resourcesIn } from '../private/cfn';

interface PlanRule {
  RuleName?: string;
  ScheduleExpression?: string;
  CopyActions?: { DestinationBackupVaultArn?: unknown }[];
}

/**
 * DATA-3: every daily backup rule copies its recovery points to a vault in another region, and that vault is
 * declared in the assembly (in a stack of that region, under the name the ARN gives).
 */
export const dailyCopiesLeaveRegion: Check = {
  id: 'DATA3-DailyCopiesLeaveRegion',
  claims: ['DATA-3'],
  description: 'every daily backup rule copies each recovery point to a vault declared in a different region',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const results: CheckResult[] = [];
    for (const env of platformEnvironments(assembly)) {
      const vaults = resourcesIn(env.stacks, 'AWS::Backup::BackupVault');
      for (const plan of resourcesIn(env.stacks, 'AWS::Backup::BackupPlan')) {
        const rules = asArray<PlanRule>((prop(plan, 'BackupPlan') as { BackupPlanRule?: unknown })?.BackupPlanRule);
        for (const rule of rules.filter((r) => DAILY_CRON.test(String(r.ScheduleExpression ?? '')))) {
          const targets = asArray<{ DestinationBackupVaultArn?: unknown }>(rule.CopyActions).map((c) =>
            flatten(c.DestinationBackupVaultArn, plan.stack),
          );
          const found = targets.find((arn) => {
            const region = arnRegion(arn);
            const name = arn?.split(':').slice(6).join(':');
            return (
              region !== undefined &&
              region !== plan.region &&
              vaults.some((v) => v.region === region && flatten(prop(v, 'BackupVaultName'), v.stack) === name)
            );
          });
          const label = `plan ${plan.logicalId} rule ${rule.RuleName ?? '?'} (${plan.region ?? '?'})`;
          results.push(
            found
              ? pass(`${label}: copies every recovery point to ${found}`, toRef(plan))
              : fail(
                  `${label}: no copy to a declared vault of another region (targets: ${targets.join(', ') || 'none'})`,
                  toRef(plan),
                ),
          );
        }
      }
    }
    if (results.length === 0) results.push(fail('no daily backup rule in the assembly to judge'));
    return results;
  },
};
