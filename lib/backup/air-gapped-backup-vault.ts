import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { MIN_AIR_GAPPED_RETENTION_DAYS } from '../core/requirements/air-gapped-vault';
import {
  MAX_VAULT_LOCK_RETENTION_DAYS,
  VAULT_POLICY_AND_UNLOCK_ACTIONS,
  VAULT_RECOVERY_POINT_ACTIONS,
} from '../core/requirements/data';

export interface AirGappedBackupVaultProps {
  /** Deterministic vault name, so the primary plan can copy to it by ARN (see `physicalNames.airGappedVault`). */
  readonly vaultName: string;
  /**
   * Customer managed key of the vault (REST-3). AWS Backup would otherwise use an AWS owned key, which keeps the
   * vault encrypted but not under a key the account controls; the key can only be chosen when the vault is created.
   */
  readonly encryptionKey: kms.IKey;
  /** Shortest retention a recovery point may have in the vault, at least 7 days; fixed when the vault is created. */
  readonly minRetentionDays: number;
  /** Longest retention a recovery point may have in the vault; fixed when the vault is created. */
  readonly maxRetentionDays: number;
  /**
   * The one role the access policy lets delete recovery points (once the lock allows), shorten their lifecycle or
   * change the policy.
   * @default - no exception: nobody can do any of these
   */
  readonly breakGlassRoleArn?: string;
}

/**
 * An AWS Backup logically air-gapped vault (DATA-3, REST-3): AWS stores its recovery points in an account of the AWS
 * Backup service and locks the vault in compliance mode from creation, so no principal of this account, the root
 * included, can delete a recovery point before `minRetentionDays`. Encrypted with a customer managed key, retained on
 * stack deletion, and guarded by the same access-policy Deny as the platform's locked vaults.
 */
export class AirGappedBackupVault extends Construct {
  readonly vault: backup.CfnLogicallyAirGappedBackupVault;
  /** The vault's ARN as the plan's copy action names it. */
  readonly vaultArn: string;

  constructor(scope: Construct, id: string, props: AirGappedBackupVaultProps) {
    super(scope, id);
    const { minRetentionDays: min, maxRetentionDays: max } = props;
    if (!Token.isUnresolved(min) && (!Number.isInteger(min) || min < MIN_AIR_GAPPED_RETENTION_DAYS)) {
      throw new PlatformConstructError({
        code: 'AirGappedBackupVault.minRetentionDays',
        scope: this,
        setting: 'minRetentionDays',
        value: min,
        problem: `is not a whole number of at least ${MIN_AIR_GAPPED_RETENTION_DAYS} days (AWS Backup's minimum)`,
        fix: `give at least ${MIN_AIR_GAPPED_RETENTION_DAYS} whole days, and no more than the retention of the copies it receives`,
      });
    }
    if (!Token.isUnresolved(max) && (!Number.isInteger(max) || max < min || max > MAX_VAULT_LOCK_RETENTION_DAYS)) {
      throw new PlatformConstructError({
        code: 'AirGappedBackupVault.maxRetentionDays',
        scope: this,
        setting: 'maxRetentionDays',
        value: max,
        problem: `is below minRetentionDays (${min}) or above ${MAX_VAULT_LOCK_RETENTION_DAYS} days`,
        fix: `give whole days from minRetentionDays (${min}) to ${MAX_VAULT_LOCK_RETENTION_DAYS}, and no less than the retention of the copies it receives`,
      });
    }
    // One statement, as on the locked vaults, so that backup-recovery-point-manual-deletion-disabled recognises it.
    // Vault Lock itself is AWS's here (compliance mode, fixed): no lock statement is needed.
    const accessPolicy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'OnlyBreakGlassDeletesRecoveryPointsOrChangesPolicy',
          effect: iam.Effect.DENY,
          principals: [new iam.StarPrincipal()],
          actions: [...VAULT_RECOVERY_POINT_ACTIONS, ...VAULT_POLICY_AND_UNLOCK_ACTIONS],
          resources: ['*'],
          conditions: props.breakGlassRoleArn
            ? { ArnNotEquals: { 'aws:PrincipalArn': props.breakGlassRoleArn } }
            : undefined,
        }),
      ],
    });
    this.vault = new backup.CfnLogicallyAirGappedBackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKeyArn: props.encryptionKey.keyArn,
      minRetentionDays: min,
      maxRetentionDays: max,
      accessPolicy,
    });
    // Emptying a vault AWS locks in compliance mode is impossible before the retention ends: keep it, never delete.
    this.vault.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.vaultArn = this.vault.attrBackupVaultArn;
  }
}
