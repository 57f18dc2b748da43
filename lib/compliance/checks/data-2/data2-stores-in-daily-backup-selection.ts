import type { BackupPlanProps, BackupSelectionProps } from '../../template/cfn/backup';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass, perStage } from '../check';
import { asArray, bucketNameOf, dailyRules, primaryCustomerDataBuckets } from '../private/cfn';

/**
 * DATA-2: every database cluster and every upload and dump bucket is named in the resources of a backup selection
 * whose plan has a daily rule, so the evidence shows exactly what the daily backup covers.
 */
export const storesInDailyBackupSelection: Check = {
  id: 'DATA2-StoresInDailyBackupSelection',
  claims: ['DATA-2'],
  description:
    'every database cluster and every upload and dump bucket is selected by resource in a backup plan with a daily rule',
  run: (assembly) => perStage(assembly, judgeEnvironment),
};

function judgeEnvironment(model: StageModel): CheckResult[] {
  const clusters = model.ofType('AWS::RDS::DBCluster');
  const buckets = primaryCustomerDataBuckets(model);
  if (clusters.length + buckets.length === 0)
    return [fail(`environment ${model.name}: no database cluster or customer-data bucket to judge`)];
  const dailyPlans = model
    .ofType<BackupPlanProps>('AWS::Backup::BackupPlan')
    .filter((p) => dailyRules(model, p).length > 0);
  const selections = model.ofType<BackupSelectionProps>('AWS::Backup::BackupSelection').filter((s) => {
    const plan = model.resolve(s, s.props.BackupPlanId);
    return dailyPlans.some((p) => p === plan);
  });
  // An entry of Resources may name a store inside an ARN it builds (`arn:...:cluster:` joined to a Ref).
  const selects = (selection: ModelResource<BackupSelectionProps>, store: ModelResource<unknown>) =>
    asArray(selection.props.BackupSelection?.Resources).some((entry) => model.mentions(selection, entry, store));
  const judge = (store: ModelResource<unknown>, what: string): CheckResult => {
    const selection = selections.find((s) => selects(s, store));
    return selection
      ? pass(`${what}: selected by ${selection.stackName}/${selection.logicalId}, whose plan runs daily`, store.ref)
      : fail(`${what}: in no backup selection of a plan with a daily rule`, store.ref);
  };
  return [
    ...clusters.map((c) => judge(c, `cluster ${c.logicalId}`)),
    ...buckets.map((b) => judge(b, `bucket ${bucketNameOf(model, b)}`)),
  ];
}
