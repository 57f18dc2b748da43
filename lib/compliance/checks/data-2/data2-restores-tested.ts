import type { ModelResource, StageModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass, perStage } from '../check';
import { bucketNameOf, classificationOf } from '../customer-data';
import { asArray } from '../private/cfn';

interface RestoreTestingPlanProps {
  readonly RestoreTestingPlanName?: unknown;
  readonly ScheduleExpression?: unknown;
}
interface RestoreTestingSelectionProps {
  readonly RestoreTestingPlanName?: unknown;
  readonly ProtectedResourceType?: unknown;
  readonly ProtectedResourceArns?: unknown;
  readonly RestoreMetadataOverrides?: Record<string, unknown>;
}
interface RuleProps {
  readonly State?: unknown;
  readonly EventPattern?: {
    readonly 'detail-type'?: unknown;
    readonly detail?: { readonly status?: unknown; readonly restoreTestingPlanArn?: unknown };
  };
  readonly Targets?: unknown;
}

/** Aurora restores without these land in the default VPC and security group (restore testing inferred metadata). */
const AURORA_PLACEMENT = ['dbsubnetgroupname', 'vpcsecuritygroupids'];

/**
 * DATA-2 "backed up daily", proven by restoring: every database cluster and every customer-uploads bucket is selected
 * by a restore testing plan that runs at least weekly (the 8 days `verify` accepts), an Aurora restore is placed in
 * the platform's subnets and security groups, and the plan in the cluster's region has an enabled rule that sends its
 * completed restore jobs to a validation function (which reports with PutRestoreValidationResult). The dumps are
 * judged by the dump check, not here: AWS cannot open a GPG message.
 */
export const restoresTested: Check = {
  id: 'DATA2-RestoresTested',
  claims: ['DATA-2'],
  description:
    'every database cluster and customer-uploads bucket is selected by a weekly restore testing plan whose restores land in the platform network and are validated',
  run: (assembly) => perStage(assembly, judgeEnvironment),
};

function judgeEnvironment(model: StageModel): CheckResult[] {
  const clusters = model.ofType('AWS::RDS::DBCluster');
  const buckets = model.ofType('AWS::S3::Bucket').filter((b) => classificationOf(b) === 'customer-data');
  if (clusters.length + buckets.length === 0)
    return [fail(`environment ${model.name}: no database cluster or customer-uploads bucket to judge`)];
  const plans = model.ofType<RestoreTestingPlanProps>('AWS::Backup::RestoreTestingPlan');
  const selections = model.ofType<RestoreTestingSelectionProps>('AWS::Backup::RestoreTestingSelection');
  const rules = model.ofType<RuleProps>('AWS::Events::Rule');
  const planOf = (s: ModelResource<RestoreTestingSelectionProps>) =>
    plans.find(
      (p) =>
        p.stackName === s.stackName &&
        model.text(p, p.props.RestoreTestingPlanName) === model.text(s, s.props.RestoreTestingPlanName),
    );
  const validated = (plan: ModelResource<RestoreTestingPlanProps>) =>
    rules.some(
      (r) =>
        r.stackName === plan.stackName &&
        model.text(r, r.props.State) !== 'DISABLED' &&
        asArray(r.props.EventPattern?.['detail-type']).includes('Restore Job State Change') &&
        asArray(r.props.EventPattern?.detail?.status).includes('COMPLETED') &&
        model.mentions(r, r.props.EventPattern?.detail?.restoreTestingPlanArn, plan) &&
        asArray<{ Arn?: unknown }>(r.props.Targets).some(
          (t) => model.resolve(r, t.Arn)?.type === 'AWS::Lambda::Function',
        ),
    );
  const selects = (s: ModelResource<RestoreTestingSelectionProps>, store: ModelResource, arnSuffix?: string) =>
    asArray(s.props.ProtectedResourceArns).some(
      (entry) =>
        model.mentions(s, entry, store) ||
        (arnSuffix !== undefined && model.text(s, entry)?.endsWith(arnSuffix) === true),
    );

  const judge = (store: ModelResource, what: string, type: 'Aurora' | 'S3', arnSuffix?: string): CheckResult => {
    const found = selections.filter(
      (s) => model.text(s, s.props.ProtectedResourceType) === type && selects(s, store, arnSuffix),
    );
    if (found.length === 0) return fail(`${what}: in no restore testing selection`, store.ref);
    const problems: string[] = [];
    const names: string[] = [];
    for (const s of found) {
      const plan = planOf(s);
      if (!plan) {
        problems.push(`selection ${s.logicalId} names no plan of its stack`);
        continue;
      }
      const schedule = model.text(plan, plan.props.ScheduleExpression);
      if (!runsWeekly(schedule)) problems.push(`plan ${plan.logicalId} runs '${schedule ?? '?'}', not at least weekly`);
      const overrides = Object.keys(s.props.RestoreMetadataOverrides ?? {}).map((k) => k.toLowerCase());
      const missing = type === 'Aurora' ? AURORA_PLACEMENT.filter((k) => !overrides.includes(k)) : [];
      if (missing.length) problems.push(`selection ${s.logicalId} leaves ${missing.join(', ')} to AWS (default VPC)`);
      names.push(`${plan.stackName}/${plan.logicalId}`);
    }
    // The store's own region validates what it restores (the recovery region's copies are restore-checked by AWS).
    const home = found.map(planOf).filter((p) => p && p.stackName === store.stackName);
    if (!home.some((p) => p && validated(p)))
      problems.push('no plan of its own region sends completed restores to a validation function');
    return problems.length
      ? fail(`${what}: ${problems.join('; ')}`, store.ref)
      : pass(`${what}: restore-tested by ${names.join(', ')}, validated`, store.ref);
  };
  return [
    ...clusters.map((c) => judge(c, `cluster ${c.logicalId}`, 'Aurora')),
    ...buckets.map((b) => {
      const name = bucketNameOf(model, b);
      return judge(b, `bucket ${name ?? b.logicalId}`, 'S3', name ? `:::${name}` : undefined);
    }),
  ];
}

/** A cron schedule (6 fields) whose day-of-month is `*` or `?` and month `*`: it runs every week. */
function runsWeekly(schedule: string | undefined): boolean {
  const m = schedule ? /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(schedule) : null;
  return !!m && ['*', '?'].includes(m[3]) && m[4] === '*';
}
