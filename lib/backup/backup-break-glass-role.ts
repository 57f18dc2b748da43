import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { VAULT_POLICY_AND_LOCK_ACTIONS } from '../core/requirements/data';

export interface BackupBreakGlassRoleProps {
  /** Fixed name, so the other region's vault policy names it without a cross-region reference. */
  readonly roleName: string;
  /** ARNs of the vaults it may change (both regions). */
  readonly vaultArns: readonly string[];
}

/**
 * The one role the vault access policies exempt, assumable by the account's principals only with MFA (a person
 * breaking glass, which CloudTrail records). It may replace or remove the vaults' access policies and locks, nothing
 * else: to change a vault's policy or lock by deploy, break glass, remove the access policy, and deploy (CloudFormation
 * puts the new one); docs/runbooks/backup-break-glass.md.
 */
export class BackupBreakGlassRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BackupBreakGlassRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description:
        'Break glass: the only principal the backup vault access policies let change policy, lock or recovery points',
      assumedBy: new iam.AccountPrincipal(stack.account).withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
    });
    new iam.ManagedPolicy(this, 'Policy', {
      description: 'Replace or remove the access policy or lock of the platform vaults only',
      statements: [
        new iam.PolicyStatement({ actions: [...VAULT_POLICY_AND_LOCK_ACTIONS], resources: [...props.vaultArns] }),
      ],
      roles: [this.role],
    });
  }
}
