import type { ResolvedPlatformConfig } from './resolve-config';

/** IAM Identity Center's roles live under this path in each account it provisions a permission set to. */
const SSO_ROLE_PATH = 'role/aws-reserved/sso.amazonaws.com/';
/** A permission set's name, as Identity Center accepts it. */
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;

type BreakGlass = ResolvedPlatformConfig['backup']['breakGlass'];

/** The partition of the primary region (IAM ARNs are global but carry it). */
function partitionOf(c: ResolvedPlatformConfig): string {
  const region = String(c.primaryRegion?.region ?? '');
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/**
 * The `aws:PrincipalArn` patterns the break-glass role trusts, or undefined for `iam-users-with-mfa` (then the trust
 * asks for `aws:MultiFactorAuthPresent`). A permission set's role is `AWSReservedSSO_<name>_<16 hex>`, under a path
 * that names the region Identity Center runs in (or none, for older ones), hence `*` before it.
 */
export function breakGlassTrustedPrincipalArns(c: ResolvedPlatformConfig): string[] | undefined {
  const b = c.backup.breakGlass;
  if (b.trust !== 'identity-center') return undefined;
  const prefix = `arn:${partitionOf(c)}:iam::${c.account}:${SSO_ROLE_PATH}`;
  return [...(b.permissionSets ?? []).map((name) => `${prefix}*AWSReservedSSO_${name}_*`), ...(b.principalArns ?? [])];
}

/** What is wrong with `backup.breakGlass`, or undefined. */
export function breakGlassProblem(b: BreakGlass, c: ResolvedPlatformConfig): string | undefined {
  if (b === undefined || b === null || typeof b !== 'object') return undefined;
  const sets = b.permissionSets ?? [];
  const arns = b.principalArns ?? [];
  if (b.trust === 'iam-users-with-mfa') {
    return sets.length || arns.length
      ? "names permissionSets or principalArns, which only trust 'identity-center' reads"
      : undefined;
  }
  if (b.trust !== 'identity-center') return undefined; // a type error, reported by the schema
  if (c.backup.breakGlassRoleArn !== undefined)
    return "trusts 'identity-center', but backup.breakGlassRoleArn names a role of your own, whose trust the platform does not write";
  if (sets.length === 0 && arns.length === 0)
    return "trusts 'identity-center' but names no permissionSets and no principalArns, so nobody could break glass";
  const badSets = sets.filter((n) => typeof n !== 'string' || !PERMISSION_SET_NAME.test(n));
  if (badSets.length)
    return `has permissionSets ${badSets.map((n) => `'${String(n)}'`).join(', ')}, not permission set names`;
  const prefix = `arn:${partitionOf(c)}:iam::${c.account}:${SSO_ROLE_PATH}`;
  const badArns = arns.filter(
    (a) =>
      typeof a !== 'string' || !a.startsWith(prefix) || !/AWSReservedSSO_[\w+=,.@-]+_/.test(a.slice(prefix.length)),
  );
  if (badArns.length)
    return `has principalArns ${badArns.map((a) => `'${String(a)}'`).join(', ')}, not Identity Center roles (${prefix}...AWSReservedSSO_<permission set>_...) of account ${c.account}`;
  return undefined;
}

export const BREAK_GLASS_FIX =
  "for IAM users with MFA give { trust: 'iam-users-with-mfa' } alone; for SSO users give { trust: 'identity-center', permissionSets: ['BackupBreakGlass'] } (the permission set's name) or principalArns of its roles in this account, such as 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BackupBreakGlass_0123456789abcdef'; with backup.breakGlassRoleArn, leave breakGlass unset";
