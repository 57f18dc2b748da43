import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { VAULT_POLICY_AND_LOCK_ACTIONS } from '../core/requirements/data';

export interface BackupBreakGlassRoleProps {
  /** Fixed name, so the other region's vault policy names it without a cross-region reference. */
  readonly roleName: string;
  /** ARNs of the vaults it may change (both regions). */
  readonly vaultArns: readonly string[];
  /**
   * The principals that may assume the role, by `aws:PrincipalArn` (wildcards allowed): for IAM Identity Center,
   * the roles of the break-glass permission set (`.../aws-reserved/sso.amazonaws.com/*AWSReservedSSO_<name>_*`),
   * whose sessions never carry `aws:MultiFactorAuthPresent` (Identity Center enforces MFA at sign-in instead).
   * @default - principals of the account whose session carries `aws:MultiFactorAuthPresent` (IAM users with MFA)
   */
  readonly trustedPrincipalArns?: readonly string[];
}

/**
 * The one role the vault access policies exempt, assumable by the account's principals with MFA, or by the named
 * Identity Center roles (a person breaking glass, which CloudTrail records). It may replace or remove the vaults'
 * access policies and locks, nothing else. No deploy can change a vault's access policy, and no deploy restores one:
 * break glass does, with the policy of the synthesized template (docs/runbooks/backup-break-glass.md).
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
      assumedBy: new iam.AccountPrincipal(stack.account).withConditions(
        trustConditions(this, props.trustedPrincipalArns),
      ),
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

/** MFA for IAM users (the default), or the named principals (Identity Center sessions carry no MFA key). */
function trustConditions(scope: IConstruct, principalArns: readonly string[] | undefined): Record<string, unknown> {
  if (principalArns === undefined) return { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  const bad = principalArns.filter((a) => !/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/.test(a) || /:role\/\*?$/.test(a));
  if (principalArns.length === 0 || bad.length > 0) {
    throw new PlatformConstructError({
      code: 'BackupBreakGlassRole.trustedPrincipalArns',
      scope,
      setting: 'trustedPrincipalArns',
      value: principalArns,
      problem: bad.length ? `${bad.join(', ')} is not one role (pattern) of an account` : 'names nobody',
      fix: "give the ARNs (wildcards allowed) of the roles that may break glass, such as 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BackupBreakGlass_*', or leave it unset for IAM users with MFA",
    });
  }
  return { ArnLike: { 'aws:PrincipalArn': principalArns.length === 1 ? principalArns[0] : [...principalArns] } };
}
