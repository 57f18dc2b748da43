import { Check, CheckResult, fail, pass, perEnvironment } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import {
  asArray,
  bucketName,
  DAILY_CRON,
  PlatformEnvironment,
  primaryCustomerDataBuckets,
  prop,
  refersTo,
  resourcesIn,
} from '../private/cfn';

/**
 * DATA-2: every database cluster and every upload and dump bucket is named in the resources of a backup selection
 * whose plan has a daily rule, so the evidence shows exactly what the daily backup covers.
 */
export const storesInDailyBackupSelection: Check = {
  id: 'DATA2-StoresInDailyBackupSelection',
  claims: ['DATA-2'],
  description:
    'every database cluster and every upload and dump bucket is selected by resource in a backup plan with a daily rule',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    return perEnvironment(assembly, judgeEnvironment);
  },
};

function judgeEnvironment(env: PlatformEnvironment): CheckResult[] {
  const stores = [...resourcesIn(env.stacks, 'AWS::RDS::DBCluster'), ...primaryCustomerDataBuckets(env)];
  if (stores.length === 0)
    return [fail(`environment ${env.name}: no database cluster or customer-data bucket to judge`)];
  const dailyPlans = resourcesIn(env.stacks, 'AWS::Backup::BackupPlan').filter((p) =>
    asArray<{ ScheduleExpression?: string }>(
      (prop(p, 'BackupPlan') as { BackupPlanRule?: unknown })?.BackupPlanRule,
    ).some((r) => DAILY_CRON.test(String(r.ScheduleExpression ?? ''))),
  );
  const selections = resourcesIn(env.stacks, 'AWS::Backup::BackupSelection').filter((s) =>
    dailyPlans.some((p) => p.stack === s.stack && refersTo(prop(s, 'BackupPlanId'), p.logicalId)),
  );
  return stores.map((store) => {
    const what = store.type === 'AWS::RDS::DBCluster' ? `cluster ${store.logicalId}` : `bucket ${bucketName(store)}`;
    const selection = selections.find((s) => selects(s, store));
    return selection
      ? pass(`${what}: selected by ${selection.stackName}/${selection.logicalId}, whose plan runs daily`, toRef(store))
      : fail(`${what}: in no backup selection of a plan with a daily rule`, toRef(store));
  });
}

function selects(selection: LocatedResource, store: LocatedResource): boolean {
  const resources = (prop(selection, 'BackupSelection') as { Resources?: unknown } | undefined)?.Resources;
  return selection.stack === store.stack && refersTo(resources, store.logicalId);
}
