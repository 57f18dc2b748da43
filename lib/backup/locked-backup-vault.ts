import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import {
  MAX_VAULT_LOCK_RETENTION_DAYS,
  VAULT_LOCK_PUT_ACTIONS,
  VAULT_POLICY_AND_UNLOCK_ACTIONS,
  VAULT_RECOVERY_POINT_ACTIONS,
} from '../core/requirements/data';

/** `governance` can be lifted by privileged users; `compliance` can never be lifted once its 72-hour grace period ends. */
export type VaultLockMode = 'governance' | 'compliance';

export interface LockedBackupVaultProps {
  /** Deterministic vault name, so the other region can build its ARN (see `physicalNames`). */
  readonly vaultName: string;
  /** Customer managed key encrypting every recovery point in the vault (REST-3). */
  readonly encryptionKey: kms.IKey;
  /**
   * Shortest retention a recovery point in the vault may have; the lock rejects shorter ones. Give the retention of
   * the plan (or copy) rule that fills the vault, so that no recovery point can be made to expire earlier.
   * @default 7 days
   */
  readonly minRetention?: Duration;
  /**
   * Longest retention a recovery point may have: a bound on what a compromised principal can make the account keep
   * (and pay for), while a retention increase up to it needs no lock change.
   * @default - twice minRetention
   */
  readonly maxRetention?: Duration;
  /**
   * The one role that may change the vault's access policy or lock, delete recovery points or shorten their
   * lifecycle; the access policy denies these to every other principal.
   * @default - no exception: nobody can delete recovery points or shorten them, or change the policy or the lock
   *   (CloudFormation may still set the lock, when `deploymentRoleArn` is given)
   */
  readonly breakGlassRoleArn?: string;
  /**
   * The CloudFormation execution role that deploys the vault: it may set the lock (CloudFormation may set it after
   * the access policy on create), nothing else the policy guards. Changing or removing the access policy, or
   * removing the lock, stays break glass's alone, the deploy included (docs/runbooks/backup-break-glass.md).
   * @default - none: a deploy that sets the lock after the policy needs the break-glass role
   */
  readonly deploymentRoleArn?: string;
  /**
   * Vault Lock mode. `compliance` is IRREVERSIBLE 72 hours after deployment: nobody, not even the account root,
   * can then delete recovery points early or remove the lock. Choose it only on purpose.
   * @default 'governance'
   */
  readonly lockMode?: VaultLockMode;
}

/**
 * An AWS Backup vault encrypted with a customer managed key, retained on stack deletion, with Vault Lock (governance
 * by default, minimum and maximum retention) and an access policy that denies replacing or deleting the policy or
 * the lock, deleting recovery points and shortening their lifecycle to every principal but a named break-glass role
 * (setting the lock also to the deployment role) (DATA-2, DATA-3, REST-3).
 */
export class LockedBackupVault extends Construct {
  readonly vault: backup.BackupVault;
  readonly lockMode: VaultLockMode;

  constructor(scope: Construct, id: string, props: LockedBackupVaultProps) {
    super(scope, id);
    this.lockMode = props.lockMode ?? 'governance';
    if (this.lockMode !== 'governance' && this.lockMode !== 'compliance') {
      throw new PlatformConstructError({
        code: 'LockedBackupVault.lockMode',
        scope: this,
        setting: 'lockMode',
        value: this.lockMode,
        problem: "is neither 'governance' nor 'compliance'",
        fix: "use 'governance' (default) or, knowing it is irreversible after 72 hours, 'compliance'",
      });
    }
    const minRetention = props.minRetention ?? Duration.days(7);
    if (minRetention.toDays() < 1) {
      throw new PlatformConstructError({
        code: 'LockedBackupVault.minRetention',
        scope: this,
        setting: 'minRetention',
        value: minRetention,
        problem: 'is shorter than a day',
        fix: 'give at least 1 day (default 7)',
      });
    }
    const maxRetention = props.maxRetention ?? Duration.days(minRetention.toDays() * 2);
    if (maxRetention.toDays() <= minRetention.toDays() || maxRetention.toDays() > MAX_VAULT_LOCK_RETENTION_DAYS) {
      throw new PlatformConstructError({
        code: 'LockedBackupVault.maxRetention',
        scope: this,
        setting: 'maxRetention',
        value: maxRetention,
        problem: `is not above minRetention (${minRetention.toDays()} days) or exceeds ${MAX_VAULT_LOCK_RETENTION_DAYS} days`,
        fix: `give more than minRetention (${minRetention.toDays()} days) and at most ${MAX_VAULT_LOCK_RETENTION_DAYS} (default twice minRetention)`,
      });
    }
    const exceptFor = (arns: (string | undefined)[]) => {
      const named = arns.filter((a): a is string => a !== undefined);
      return named.length ? { ArnNotEquals: { 'aws:PrincipalArn': named.length === 1 ? named[0] : named } } : undefined;
    };
    // "*" as principal and resource, as AWS Config's manual-deletion rule requires of the Deny it recognises.
    const denyToAllBut = (sid: string, actions: readonly string[], ...exempt: (string | undefined)[]) =>
      new iam.PolicyStatement({
        sid,
        effect: iam.Effect.DENY,
        principals: [new iam.StarPrincipal()],
        actions: [...actions],
        resources: ['*'],
        conditions: exceptFor(exempt),
      });
    const statements = [
      // One statement, so that backup-recovery-point-manual-deletion-disabled recognises it (it wants
      // DeleteRecoveryPoint, UpdateRecoveryPointLifecycle and PutBackupVaultAccessPolicy in a single Deny). The
      // deployment role too is denied these: a deploy that changes the policy follows the break-glass runbook.
      denyToAllBut(
        'OnlyBreakGlassDeletesRecoveryPointsOrChangesPolicy',
        [...VAULT_RECOVERY_POINT_ACTIONS, ...VAULT_POLICY_AND_UNLOCK_ACTIONS],
        props.breakGlassRoleArn,
      ),
      // CloudFormation may set the lock after the access policy when it creates the vault (the handler's order is not
      // documented), so its execution role may put the lock; a lock put frees no recovery point (statement 1).
      denyToAllBut(
        'OnlyBreakGlassOrDeploySetsLock',
        VAULT_LOCK_PUT_ACTIONS,
        props.breakGlassRoleArn,
        props.deploymentRoleArn,
      ),
    ];
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
      accessPolicy: new iam.PolicyDocument({ statements }),
      lockConfiguration: {
        minRetention,
        maxRetention,
        // Without changeableFor the lock is in governance mode; with it, compliance mode after that grace period.
        changeableFor: this.lockMode === 'compliance' ? Duration.days(3) : undefined,
      },
    });
  }
}
