import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { dataHop, daysText, numberOf, record, records } from './data-hop';
import type { HopSite } from './hop-mutations';
import { judgeDailySchedule } from './schedule-expression';

// AWS Backup's rules as https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRule.html documents them:
// a cron schedule (cron(0 5 ? * * *) when none is given), a start window of at least 60 minutes, a completion window
// counted from the scheduled time, a lifecycle whose cold-storage transition needs 90 more days before deletion and
// is ignored by types without cold storage, continuous backups kept at most 35 days, and a locked vault that fails any
// job whose retention falls outside its minimum and maximum.

/** Types whose recovery points AWS Backup can move to cold storage (others ignore the transition). */
const COLD_STORAGE_TYPES: readonly string[] = [
  'AWS::EFS::FileSystem',
  'AWS::DynamoDB::Table',
  'AWS::Timestream::Table',
  'AWS::CloudFormation::Stack',
];
/** Types AWS Backup backs up continuously (point in time) when the rule says so. */
const CONTINUOUS_TYPES: readonly string[] = ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance', 'AWS::S3::Bucket'];
const MAX_CONTINUOUS_DAYS = 35;
const COLD_STORAGE_MINIMUM_DAYS = 90;
const DEFAULT_BACKUP_SCHEDULE = 'cron(0 5 ? * * *)';
const MIN_START_WINDOW = 60;
const DEFAULT_START_WINDOW = 480;

export interface PlanRule {
  readonly rule: Record<string, unknown>;
  readonly index: number;
  readonly name: string;
  readonly site: HopSite;
}

export const RULES_AT = ['Properties', 'BackupPlan', 'BackupPlanRule'] as const;

/** The rules of a backup plan, each with its site in the template. */
export function planRules(plan: ModelResource): PlanRule[] {
  return records(record(plan.props.BackupPlan).BackupPlanRule).map((rule, index) => ({
    rule,
    index,
    name: typeof rule.RuleName === 'string' ? rule.RuleName : `#${index}`,
    site: { resource: plan, at: [...RULES_AT, index] },
  }));
}

/** Whether a value names the vault: a reference that resolves to it, or its name / ARN as text. */
function namesVault(model: StageModel, from: ModelResource, value: unknown, vault: ModelResource): boolean {
  const resolved = model.resolve(from, value);
  if (resolved) return resolved.stackName === vault.stackName && resolved.logicalId === vault.logicalId;
  const text = model.text(from, value);
  const name = model.text(vault, vault.props.BackupVaultName);
  if (!text || !name) return false;
  const arn = /^arn:aws[\w-]*:backup:([\w-]+):(\d{12}):backup-vault:(.+)$/.exec(text);
  return arn
    ? arn[1] === vault.region && arn[2] === vault.stack.account && arn[3] === name
    : text === name && from.region === vault.region;
}

/** A retention judged against a vault's lock: jobs outside [MinRetentionDays, MaxRetentionDays] fail. */
function vaultLockHop(vault: ModelResource, days: number | undefined, label: string): HopRecord {
  const lock = record(vault.props.LockConfiguration);
  const min = numberOf(lock.MinRetentionDays);
  const max = numberOf(lock.MaxRetentionDays);
  const locked = 'LockConfiguration' in vault.props;
  const ok =
    !locked ||
    (days === undefined ? max === undefined : (min === undefined || days >= min) && (max === undefined || days <= max));
  return dataHop(
    'vault-lock-range',
    ok,
    locked
      ? `${label} keeps points ${daysText(days)}; its lock allows ${min ?? 1} to ${max ?? 'any number of'} days${ok ? '' : ': AWS Backup fails the job'}`
      : `${label} has no Vault Lock that could refuse the retention`,
    { resource: vault, at: ['Properties'], facts: { days } },
    'LockConfiguration',
  );
}

/** A lifecycle's retention: at least the minimum, and a cold-storage transition AWS Backup accepts. */
function retentionHop(
  lifecycle: Record<string, unknown>,
  site: HopSite,
  store: ModelResource,
  minimumDays: number,
  where: string,
): HopRecord {
  const days = numberOf(lifecycle.DeleteAfterDays);
  const cold = numberOf(lifecycle.MoveToColdStorageAfterDays);
  const coldRejected = cold !== undefined && days !== undefined && days - cold < COLD_STORAGE_MINIMUM_DAYS;
  const coldNote =
    cold === undefined
      ? ''
      : COLD_STORAGE_TYPES.includes(store.type)
        ? `, in cold storage after ${cold} days`
        : ` (cold storage after ${cold} days is ignored for ${store.type})`;
  return dataHop(
    'recovery-point-retention',
    !coldRejected && (days === undefined || days >= minimumDays),
    coldRejected
      ? `${where}: cold storage after ${cold} days leaves less than ${COLD_STORAGE_MINIMUM_DAYS} days before deletion at ${days}: AWS Backup rejects the lifecycle`
      : `${where}: kept ${daysText(days)}${coldNote} (minimum ${minimumDays})`,
    { ...site, facts: { minimumDays, days } },
    'Lifecycle.DeleteAfterDays',
  );
}

/** The hops of one rule for one store, up to the primary vault (and, with `copyTo`, on to the copy's vault). */
export function ruleHops(
  model: StageModel,
  r: PlanRule,
  store: ModelResource,
  vault: ModelResource,
  minimumDays: number,
  copyTo: ModelResource | undefined,
): HopRecord[] {
  const rule = r.rule;
  const hops: HopRecord[] = [];
  const expression =
    typeof rule.ScheduleExpression === 'string'
      ? rule.ScheduleExpression
      : rule.ScheduleExpression === undefined
        ? DEFAULT_BACKUP_SCHEDULE
        : undefined;
  const schedule = judgeDailySchedule(expression, { acceptsRate: false });
  hops.push(
    dataHop('backup-rule-schedule', schedule.daily, `rule ${r.name}: ${schedule.detail}`, r.site, 'ScheduleExpression'),
  );

  const start = numberOf(rule.StartWindowMinutes) ?? DEFAULT_START_WINDOW;
  const completion = numberOf(rule.CompletionWindowMinutes);
  // The completion window counts from the scheduled time, not from the start (API_BackupRule).
  const windowsOk = start >= MIN_START_WINDOW && start < 24 * 60 && (completion === undefined || completion > start);
  hops.push(
    dataHop(
      'backup-rule-windows',
      windowsOk,
      `rule ${r.name}: start within ${start} minutes, complete within ${completion ?? 'the default 10080'} minutes of the scheduled time${windowsOk ? '' : `: a start window must be ${MIN_START_WINDOW} to 1439 minutes and the completion window longer`}`,
      { ...r.site, facts: { days: start } },
      'StartWindowMinutes',
    ),
  );

  const inVault = namesVault(model, r.site.resource, rule.TargetBackupVault, vault);
  hops.push(
    dataHop(
      'backup-rule-vault',
      inVault,
      `rule ${r.name} ${inVault ? 'backs up into' : 'does not back up into'} the primary vault`,
      r.site,
      'TargetBackupVault',
    ),
  );

  const lifecycle = record(rule.Lifecycle);
  const days = numberOf(lifecycle.DeleteAfterDays);
  hops.push(retentionHop(lifecycle, r.site, store, minimumDays, `rule ${r.name} in the primary vault`));
  if (rule.EnableContinuousBackup === true && CONTINUOUS_TYPES.includes(store.type)) {
    const ok = days !== undefined && days >= 1 && days <= MAX_CONTINUOUS_DAYS;
    hops.push(
      dataHop(
        'continuous-backup-retention',
        ok,
        `rule ${r.name} backs ${store.type} up continuously, kept ${daysText(days)} (AWS Backup keeps continuous backups 1 to ${MAX_CONTINUOUS_DAYS} days)`,
        r.site,
        'Lifecycle.DeleteAfterDays',
      ),
    );
  }
  hops.push(vaultLockHop(vault, days, 'the primary vault'));
  if (!copyTo) return hops;

  const copies = records(rule.CopyActions);
  const copyIndex = copies.findIndex((c) => namesVault(model, r.site.resource, c.DestinationBackupVaultArn, copyTo));
  const otherRegion = copyTo.region !== undefined && copyTo.region !== vault.region;
  const copyOk = copyIndex >= 0 && otherRegion;
  hops.push(
    dataHop(
      'copy-action',
      copyOk,
      copyOk
        ? `rule ${r.name} copies each recovery point to the recovery vault in ${copyTo.region}`
        : `rule ${r.name} has no copy action to the recovery vault${otherRegion ? '' : ' in another region'} (${copies.length} copy action(s))`,
      { ...r.site, facts: { index: Math.max(0, copyIndex), region: copyTo.region, account: copyTo.stack.account } },
      'CopyActions[].DestinationBackupVaultArn',
    ),
  );
  if (!copyOk) return hops;
  const copy = copies[copyIndex];
  const copySite: HopSite = { resource: r.site.resource, at: [...r.site.at, 'CopyActions', copyIndex] };
  // A copy keeps its source's expiration even when its own lifecycle says longer or never (recov-point-create-a-copy).
  const copyLifecycle = record(copy.Lifecycle);
  const ownDays = numberOf(copyLifecycle.DeleteAfterDays);
  const copyDays = ownDays === undefined ? days : days === undefined ? ownDays : Math.min(ownDays, days);
  const capped = copyDays !== ownDays ? ` (capped by the source's ${days} days)` : '';
  hops.push(
    retentionHop(
      { ...copyLifecycle, DeleteAfterDays: copyDays },
      copySite,
      store,
      minimumDays,
      `rule ${r.name}'s copy in the recovery vault${capped}`,
    ),
  );
  hops.push(vaultLockHop(copyTo, copyDays, 'the recovery vault'));
  return hops;
}

/** Forbidden: one rule (or copy action) keeps its recovery points fewer days than the minimum. */
export function expiryHop(site: HopSite, lifecycle: unknown, minimumDays: number, where: string): HopRecord {
  const days = numberOf(record(lifecycle).DeleteAfterDays);
  const tooShort = days !== undefined && days < minimumDays;
  return dataHop(
    'recovery-point-expiry',
    tooShort,
    `${where} keeps recovery points ${daysText(days)} (minimum ${minimumDays})`,
    { ...site, facts: { minimumDays } },
    'Lifecycle.DeleteAfterDays',
  );
}
