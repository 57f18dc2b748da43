import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** `governance` can be lifted by privileged users; `compliance` can never be lifted once its 72-hour grace period ends. */
export type VaultLockMode = 'governance' | 'compliance';

export interface LockedBackupVaultProps {
  /** Deterministic vault name, so the other region can build its ARN (see `physicalNames`). */
  readonly vaultName: string;
  /** Customer managed key encrypting every recovery point in the vault (REST-3). */
  readonly encryptionKey: kms.IKey;
  /** Shortest retention a recovery point in the vault may have; the lock rejects shorter ones. @default 7 days */
  readonly minRetention?: Duration;
  /**
   * Vault Lock mode. `compliance` is IRREVERSIBLE 72 hours after deployment: nobody, not even the account root,
   * can then delete recovery points early or remove the lock. Choose it only on purpose.
   * @default 'governance'
   */
  readonly lockMode?: VaultLockMode;
}

/**
 * An AWS Backup vault encrypted with a customer managed key, retained on stack deletion, with Vault Lock (governance
 * by default) and an access policy that denies deleting recovery points (DATA-2, DATA-3, REST-3).
 */
export class LockedBackupVault extends Construct {
  readonly vault: backup.BackupVault;
  readonly lockMode: VaultLockMode;

  constructor(scope: Construct, id: string, props: LockedBackupVaultProps) {
    super(scope, id);
    this.lockMode = props.lockMode ?? 'governance';
    if (this.lockMode !== 'governance' && this.lockMode !== 'compliance') {
      throw new Error(
        `LockedBackupVault lockMode = '${String(this.lockMode)}' is neither 'governance' nor 'compliance'. Fix: use 'governance' (default) or, knowing it is irreversible after 72 hours, 'compliance'.`,
      );
    }
    const minRetention = props.minRetention ?? Duration.days(7);
    if (minRetention.toDays() < 1) {
      throw new Error(
        `LockedBackupVault minRetention = ${minRetention.toDays()} days. Fix: give at least 1 day (default 7).`,
      );
    }
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
      blockRecoveryPointDeletion: true,
      lockConfiguration: {
        minRetention,
        // Without changeableFor the lock is in governance mode; with it, compliance mode after that grace period.
        changeableFor: this.lockMode === 'compliance' ? Duration.days(3) : undefined,
      },
    });
  }
}
