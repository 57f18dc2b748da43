import type { PolicyDocument } from './iam';

/** Typed views of AWS::Backup::* properties. */

export interface BackupLifecycle {
  readonly DeleteAfterDays?: unknown;
  readonly MoveToColdStorageAfterDays?: unknown;
}

export interface BackupCopyAction {
  readonly DestinationBackupVaultArn?: unknown;
  readonly Lifecycle?: BackupLifecycle;
}

export interface BackupPlanRule {
  readonly RuleName?: unknown;
  readonly ScheduleExpression?: unknown;
  readonly TargetBackupVault?: unknown;
  readonly Lifecycle?: BackupLifecycle;
  readonly CopyActions?: readonly BackupCopyAction[];
}

export interface BackupPlanProps {
  readonly BackupPlan?: { readonly BackupPlanName?: unknown; readonly BackupPlanRule?: readonly BackupPlanRule[] };
}

export interface BackupSelectionProps {
  readonly BackupPlanId?: unknown;
  readonly BackupSelection?: {
    readonly SelectionName?: unknown;
    readonly IamRoleArn?: unknown;
    readonly Resources?: unknown;
    readonly NotResources?: unknown;
  };
}

export interface BackupVaultProps {
  readonly BackupVaultName?: unknown;
  readonly EncryptionKeyArn?: unknown;
  readonly LockConfiguration?: { readonly MinRetentionDays?: unknown; readonly MaxRetentionDays?: unknown };
  readonly AccessPolicy?: PolicyDocument;
}
