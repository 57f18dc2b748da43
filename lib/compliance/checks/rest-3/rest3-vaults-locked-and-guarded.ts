import {
  CONFIG_RULE_DELETION_DENY_ACTIONS,
  VAULT_GUARDED_ACTIONS,
  VAULT_LOCK_PUT_ACTIONS,
} from '../../../core/requirements/data';
import type {
  BackupCopyAction,
  BackupLifecycle,
  BackupPlanProps,
  BackupPlanRule,
  BackupVaultProps,
} from '../../template/cfn/backup';
import type { PolicyStatement } from '../../template/cfn/iam';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass } from '../check';
import { asArray, member } from '../private/cfn';

/** The CDK bootstrap's CloudFormation execution role: the one principal beside break glass that may set the lock. */
const DEPLOYMENT_ROLE = /:role\/cdk-[a-z0-9]+-cfn-exec-role-\d{12}-[a-z0-9-]+$/;

type Vault = ModelResource<BackupVaultProps>;

/**
 * REST-3, DATA-2, DATA-3: every backup vault's lock holds each recovery point exactly as long as the plan (or copy)
 * rule that fills the vault keeps it (minimum retention = that retention), with a maximum; and its access policy
 * denies replacing or removing the policy or the lock, deleting recovery points and shortening their lifecycle to
 * every principal but one named break-glass role, so nobody can lift the lock's protection by rewriting the vault.
 * Only setting the lock (PutBackupVaultLockConfiguration) may also be left to CloudFormation's execution role, which
 * may set it after the policy on create and frees no recovery point by it; an exemption of that role for any other
 * guarded action fails. DeleteRecoveryPoint, UpdateRecoveryPointLifecycle and PutBackupVaultAccessPolicy share one Deny,
 * the only form AWS Config's backup-recovery-point-manual-deletion-disabled recognises.
 */
export const vaultsLockedAndGuarded: Check = {
  id: 'REST3-VaultsLockedAndGuarded',
  claims: ['REST-3', 'DATA-2', 'DATA-3'],
  description:
    "every backup vault's lock minimum equals the retention of the rule filling it, with a maximum, and its access policy denies policy, lock and recovery-point changes to all but a named break-glass role (setting the lock also to the deployment role)",
  run: (assembly): CheckResult[] => {
    const model = assemblyModel(assembly);
    const vaults = model.ofType<BackupVaultProps>('AWS::Backup::BackupVault');
    if (vaults.length === 0) return [fail('no backup vault in the assembly')];
    return vaults.flatMap((vault) => [judgeLock(model, vault), judgePolicy(vault)]);
  },
};

/** The retention (days) of every plan rule and copy action that puts recovery points into `vault`. */
function retentionsInto(model: StageModel, vault: Vault): number[] {
  const name = model.text(vault, vault.props.BackupVaultName);
  const days = (lifecycle: BackupLifecycle | undefined) => Number(lifecycle?.DeleteAfterDays);
  return model.ofType<BackupPlanProps>('AWS::Backup::BackupPlan').flatMap((plan) =>
    asArray<BackupPlanRule>(plan.props.BackupPlan?.BackupPlanRule).flatMap((rule) => {
      const filling: number[] = [];
      const target = rule.TargetBackupVault;
      if (model.resolve(plan, target) === vault || (name && model.text(plan, target) === name))
        filling.push(days(rule.Lifecycle));
      for (const copy of asArray<BackupCopyAction>(rule.CopyActions)) {
        if (name && model.text(plan, copy.DestinationBackupVaultArn)?.endsWith(`:backup-vault:${name}`))
          filling.push(days(copy.Lifecycle));
      }
      return filling;
    }),
  );
}

function judgeLock(model: StageModel, vault: Vault): CheckResult {
  const subject = `vault ${vault.logicalId} (${vault.region ?? '?'})`;
  const fed = retentionsInto(model, vault);
  if (fed.length === 0) return fail(`${subject}: no backup plan rule or copy action fills it`, vault.ref);
  const lock = vault.props.LockConfiguration;
  if (!lock) return fail(`${subject}: no Vault Lock`, vault.ref);
  const min = Number(lock.MinRetentionDays);
  const max = lock.MaxRetentionDays === undefined ? undefined : Number(lock.MaxRetentionDays);
  const problems: string[] = [];
  if (!Number.isFinite(min)) problems.push('lock has no minimum retention');
  // A rule without DeleteAfterDays keeps its recovery points forever, which a lock maximum rejects.
  if (fed.some((d) => !Number.isFinite(d))) problems.push('a rule filling it sets no retention (DeleteAfterDays)');
  const retentions = fed.filter(Number.isFinite);
  if (Number.isFinite(min) && retentions.some((d) => d !== min))
    problems.push(
      `lock minimum ${min} days differs from the ${retentions.join(', ')}-day retention of the rules filling it`,
    );
  if (max === undefined) problems.push('lock has no maximum retention');
  else if ((Number.isFinite(min) && !(max > min)) || retentions.some((d) => d > max))
    problems.push(`lock maximum ${max} days does not exceed the minimum and every retention`);
  return problems.length
    ? fail(`${subject}: ${problems.join('; ')}`, vault.ref)
    : pass(
        `${subject}: locked ${min} to ${max} days, the retention of the rules filling it (${fed.join(', ')} days)`,
        vault.ref,
      );
}

function judgePolicy(vault: Vault): CheckResult {
  const subject = `vault ${vault.logicalId} (${vault.region ?? '?'})`;
  const statements = asArray<PolicyStatement>(vault.props.AccessPolicy?.Statement);
  const problems: string[] = [];
  let breakGlass: string | undefined;
  for (const action of VAULT_GUARDED_ACTIONS) {
    const allowDeploy = VAULT_LOCK_PUT_ACTIONS.includes(action);
    const verdicts = statements.filter((s) => deniesToEveryone(s, action)).map((s) => exemptions(s));
    // One deny whose exceptions are at most the break-glass role (and, for a lock put, the deployment role) suffices.
    const ok = verdicts.find((exempt) => {
      if (exempt === undefined) return false;
      if (!allowDeploy && exempt.some((a) => DEPLOYMENT_ROLE.test(a))) return false;
      return exempt.filter((a) => !DEPLOYMENT_ROLE.test(a)).length <= 1;
    });
    if (!ok) {
      const deploy = allowDeploy ? undefined : verdicts.flat().find((a) => a !== undefined && DEPLOYMENT_ROLE.test(a));
      problems.push(
        deploy
          ? `${action} is left to the deployment role ${deploy}, which may only set the lock`
          : verdicts.length
            ? `${action} is denied with exceptions beyond one break-glass role${allowDeploy ? ' and the deployment role' : ''}`
            : `${action} is not denied to every principal`,
      );
      continue;
    }
    const glass = ok.find((a) => !DEPLOYMENT_ROLE.test(a));
    if (glass && breakGlass && glass !== breakGlass)
      problems.push(`exempts ${glass} for ${action} but ${breakGlass} elsewhere`);
    breakGlass ??= glass;
  }
  // AWS Config's manual-deletion rule recognises only one Deny holding all its actions; split, it stays red.
  if (!statements.some((s) => CONFIG_RULE_DELETION_DENY_ACTIONS.every((a) => deniesToEveryone(s, a))))
    problems.push(
      `no single Deny to every principal holds ${CONFIG_RULE_DELETION_DENY_ACTIONS.join(', ')} (AWS Config's backup-recovery-point-manual-deletion-disabled stays NON_COMPLIANT)`,
    );
  return problems.length
    ? fail(`${subject}: ${problems.join('; ')}`, vault.ref)
    : pass(
        `${subject}: policy, lock and recovery-point changes denied to every principal but ${breakGlass ?? 'none (no exception)'}`,
        vault.ref,
      );
}

/** A Deny to every principal on every resource that covers `action`. */
function deniesToEveryone(s: PolicyStatement, action: string): boolean {
  const principal = s.Principal;
  const everyone = principal === '*' || asArray(member(principal, 'AWS')).includes('*');
  const actions = asArray<string>(s.Action);
  return (
    s.Effect === 'Deny' &&
    everyone &&
    asArray(s.Resource).includes('*') &&
    (actions.includes(action) || actions.includes('backup:*') || actions.includes('*'))
  );
}

/**
 * The principal ARNs a deny exempts, when its only condition is `ArnNotEquals` / `ArnNotLike` on `aws:PrincipalArn`
 * with literal ARNs; undefined for any other condition (which could exempt anyone).
 */
function exemptions(s: PolicyStatement): string[] | undefined {
  const entries = Object.entries(s.Condition ?? {});
  if (entries.length === 0) return [];
  if (entries.length > 1) return undefined;
  const [operator, keys] = entries[0];
  const keyEntries = Object.entries(keys ?? {});
  if (!['ArnNotEquals', 'ArnNotLike'].includes(operator) || keyEntries.length !== 1) return undefined;
  const [key, value] = keyEntries[0];
  if (key.toLowerCase() !== 'aws:principalarn') return undefined;
  const arns = asArray<unknown>(value);
  const literal = arns.filter((a): a is string => typeof a === 'string' && !a.includes('*'));
  return literal.length === arns.length ? literal : undefined;
}
