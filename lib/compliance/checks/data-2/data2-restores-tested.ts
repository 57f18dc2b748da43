import type { SecurityGroupProps, SecurityGroupRuleProps } from '../../template/cfn/ec2';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass, perStage } from '../check';
import { bucketNameOf, classificationOf } from '../customer-data';
import { asArray } from '../private/cfn';
import { internetExits } from '../private/subnet-routes';

interface RestoreTestingPlanProps {
  readonly RestoreTestingPlanName?: unknown;
  readonly ScheduleExpression?: unknown;
  readonly RecoveryPointSelection?: { readonly IncludeVaults?: unknown };
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
 * by a restore testing plan that runs at least weekly (the 8 days `verify` accepts), both by a plan of its own region
 * and by the plan on the recovery vault (its copies, DATA-3); an Aurora restore is placed in isolated subnets of its
 * region (no route to an internet or NAT gateway) with security groups that admit no address range; and the plan in
 * the store's region has an enabled rule that sends its completed restore jobs to a validation function (which
 * reports with PutRestoreValidationResult). The dumps are judged by the dump check, not here: AWS cannot open a GPG
 * message.
 */
export const restoresTested: Check = {
  id: 'DATA2-RestoresTested',
  claims: ['DATA-2'],
  description:
    'every database cluster and customer-uploads bucket is selected by a weekly restore testing plan in its region and on the recovery vault, whose Aurora restores land in isolated subnets behind security groups open to no address range, and are validated in its region',
  run: (assembly) => perStage(assembly, judgeEnvironment),
};

function judgeEnvironment(model: StageModel): CheckResult[] {
  const clusters = model.ofType<{ DBClusterIdentifier?: unknown }>('AWS::RDS::DBCluster');
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
      else if (type === 'Aurora') problems.push(...placementProblems(model, s));
      names.push(`${plan.stackName}/${plan.logicalId}`);
    }
    // The copies in the recovery region are restore-tested too (DATA-3 "stored in multiple locations").
    const recoveryVaults = model.withRole('recovery-vault');
    if (!found.map(planOf).some((p) => p && recoveryVaults.some((v) => includesVault(model, p, v))))
      problems.push('no plan on the recovery vault restores its copies');
    // The store's own region validates what it restores (the recovery region's copies are restore-checked by AWS).
    const home = found.map(planOf).filter((p) => p && p.stackName === store.stackName);
    if (!home.some((p) => p && validated(p)))
      problems.push('no plan of its own region sends completed restores to a validation function');
    return problems.length
      ? fail(`${what}: ${problems.join('; ')}`, store.ref)
      : pass(`${what}: restore-tested by ${names.join(', ')}, validated`, store.ref);
  };
  return [
    ...clusters.map((c) => {
      // The recovery region names the cluster by its ARN (its copies keep it): identifier, not a reference.
      const id = model.text(c, c.props.DBClusterIdentifier);
      return judge(c, `cluster ${c.logicalId}`, 'Aurora', id ? `:cluster:${id}` : undefined);
    }),
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

/** Whether `plan` restores recovery points of `vault` (its IncludeVaults name it by reference, or `*`). */
function includesVault(model: StageModel, plan: ModelResource<RestoreTestingPlanProps>, vault: ModelResource): boolean {
  return asArray(plan.props.RecoveryPointSelection?.IncludeVaults).some(
    (v) => model.mentions(plan, v, vault) || (plan.region === vault.region && model.text(plan, v) === '*'),
  );
}

/**
 * Where an Aurora selection's restores land: the subnet group it names must be one of its region whose subnets have
 * no route out (isolated), and each security group one of its region that admits no address range or prefix list
 * (ingress from another security group only, such as the validation function's).
 */
function placementProblems(model: StageModel, s: ModelResource<RestoreTestingSelectionProps>): string[] {
  const overrides = Object.fromEntries(
    Object.entries(s.props.RestoreMetadataOverrides ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const problems: string[] = [];
  const group = model.resolve<{ SubnetIds?: unknown }>(s, overrides.dbsubnetgroupname);
  if (group?.type !== 'AWS::RDS::DBSubnetGroup' || group.region !== s.region) {
    problems.push(`selection ${s.logicalId}: dbsubnetgroupname names no subnet group of the platform in its region`);
  } else {
    const subnets = asArray(group.props.SubnetIds).map((id) => model.resolve(group, id));
    if (subnets.length === 0 || subnets.some((n) => n?.type !== 'AWS::EC2::Subnet'))
      problems.push(`subnet group ${group.logicalId} lists subnets the templates do not declare`);
    for (const subnet of subnets) {
      if (subnet && internetExits(model, subnet).length)
        problems.push(
          `subnet group ${group.logicalId}: subnet ${subnet.logicalId} routes to an internet or NAT gateway`,
        );
    }
  }
  const groups = model.mentioned(s, overrides.vpcsecuritygroupids);
  if (groups.length === 0 || groups.some((g) => g.type !== 'AWS::EC2::SecurityGroup' || g.region !== s.region)) {
    problems.push(`selection ${s.logicalId}: vpcsecuritygroupids names security groups the platform does not declare`);
  }
  for (const g of groups.filter((x) => x.type === 'AWS::EC2::SecurityGroup')) {
    const inline = asArray<SecurityGroupRuleProps>((g.props as SecurityGroupProps).SecurityGroupIngress);
    const standalone = model
      .ofType<SecurityGroupRuleProps>('AWS::EC2::SecurityGroupIngress')
      .filter((r) => model.resolve(r, r.props.GroupId) === g)
      .map((r) => r.props);
    for (const rule of [...inline, ...standalone]) {
      const range = rule.CidrIp ?? rule.CidrIpv6 ?? rule.SourcePrefixListId;
      if (range !== undefined)
        problems.push(`security group ${g.logicalId} admits ${model.text(g, range) ?? JSON.stringify(range)}`);
    }
  }
  return problems;
}
