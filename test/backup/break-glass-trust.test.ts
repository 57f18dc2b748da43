import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BackupBreakGlassRole } from '../../lib/backup/backup-break-glass-role';
import { breakGlassTrustedPrincipalArns } from '../../lib/config/break-glass-trust';
import { PlatformConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { PlatformConfigError } from '../../lib/core/errors';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { TEST_NOW } from '../support/reference-constants';

const ACCOUNT = '123456789012';
const SSO = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com`;
type BreakGlass = NonNullable<NonNullable<PlatformConfig['backup']>['breakGlass']>;
const config = (breakGlass: BreakGlass, extra: Record<string, unknown> = {}) =>
  referencePlatformConfig({ environmentName: 'glass', backup: { breakGlass, ...extra } }, TEST_NOW);

/** The one violation of backup.breakGlass, as the config error states it. */
function violation(c: PlatformConfig): { problem: string; fix: string } {
  try {
    resolvePlatformConfig(c, TEST_NOW);
  } catch (e) {
    const v = (e as PlatformConfigError).violations.find((x) => x.setting === 'backup.breakGlass');
    if (v) return { problem: v.problem, fix: v.fix };
  }
  throw new Error('no violation of backup.breakGlass');
}

function trustOf(trustedPrincipalArns?: readonly string[]): unknown {
  const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'eu-central-1' } });
  new BackupBreakGlassRole(stack, 'Glass', {
    roleName: 'glass',
    vaultArns: ['arn:aws:backup:::v'],
    trustedPrincipalArns,
  });
  const role = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0];
  return role.Properties.AssumeRolePolicyDocument.Statement;
}

describe('break-glass trust, by the identity model of config backup.breakGlass', () => {
  test('by default, principals of the account with MFA', () => {
    const resolved = resolvePlatformConfig(referencePlatformConfig({}, TEST_NOW), TEST_NOW);
    expect(resolved.backup.breakGlass).toEqual({ trust: 'iam-users-with-mfa' });
    expect(breakGlassTrustedPrincipalArns(resolved)).toBeUndefined();
    expect(trustOf()).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:root`]] } },
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
    ]);
  });

  test('identity-center trusts the roles of the named permission sets by aws:PrincipalArn, without the MFA key SSO never sends', () => {
    const resolved = resolvePlatformConfig(
      config({
        trust: 'identity-center',
        permissionSets: ['BackupBreakGlass'],
        principalArns: [`${SSO}/eu-west-1/AWSReservedSSO_Ops_0123456789abcdef`],
      }),
      TEST_NOW,
    );
    const arns = breakGlassTrustedPrincipalArns(resolved)!;
    expect(arns).toEqual([
      `${SSO}/*AWSReservedSSO_BackupBreakGlass_*`,
      `${SSO}/eu-west-1/AWSReservedSSO_Ops_0123456789abcdef`,
    ]);
    expect(trustOf(arns)).toEqual([expect.objectContaining({ Condition: { ArnLike: { 'aws:PrincipalArn': arns } } })]);
    expect(JSON.stringify(trustOf(arns))).not.toContain('MultiFactorAuthPresent');
  });

  test('the platform stage writes the configured trust into the declared role', () => {
    const stage = new PlatformStage(new App(), 'glass', {
      config: config({ trust: 'identity-center', permissionSets: ['BackupBreakGlass'] }),
      now: TEST_NOW,
      stockPacks: [],
    });
    const role = Object.values(
      Template.fromStack(stage.recovery).findResources('AWS::IAM::Role', {
        Properties: { RoleName: 'glass-backup-break-glass' },
      }),
    )[0];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      ArnLike: { 'aws:PrincipalArn': `${SSO}/*AWSReservedSSO_BackupBreakGlass_*` },
    });
  });

  test.each([
    [
      'identity-center without principals',
      config({ trust: 'identity-center' }),
      'names no permissionSets and no principalArns, so nobody could break glass',
    ],
    [
      'a permission set name Identity Center would refuse',
      config({ trust: 'identity-center', permissionSets: ['Break Glass!'] }),
      "has permissionSets 'Break Glass!', not permission set names",
    ],
    [
      'a principal of another account',
      config({
        trust: 'identity-center',
        principalArns: ['arn:aws:iam::210987654321:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_X_1'],
      }),
      `not Identity Center roles (${SSO}/...AWSReservedSSO_<permission set>_...) of account ${ACCOUNT}`,
    ],
    [
      'a principal that is not an Identity Center role',
      config({ trust: 'identity-center', principalArns: [`arn:aws:iam::${ACCOUNT}:role/*`] }),
      'not Identity Center roles',
    ],
    [
      'principals named with the MFA trust, which ignores them',
      config({ trust: 'iam-users-with-mfa', permissionSets: ['BackupBreakGlass'] }),
      "names permissionSets or principalArns, which only trust 'identity-center' reads",
    ],
    [
      'identity-center with a role of your own, whose trust the platform does not write',
      config(
        { trust: 'identity-center', permissionSets: ['BackupBreakGlass'] },
        { breakGlassRoleArn: `arn:aws:iam::${ACCOUNT}:role/glass` },
      ),
      'backup.breakGlassRoleArn names a role of your own',
    ],
  ])('fails on %s, naming the problem and the fix', (_, c, problem) => {
    const v = violation(c);
    expect(v.problem).toContain(problem);
    expect(v.fix).toContain("{ trust: 'identity-center', permissionSets: ['BackupBreakGlass'] }");
  });

  test('fails when the construct is given no principal or a whole account', () => {
    expect(() => trustOf([])).toThrow(
      /\[BackupBreakGlassRole\.trustedPrincipalArns\] .*trustedPrincipalArns = \[\]: names nobody\. Fix: give the ARNs/,
    );
    expect(() => trustOf([`arn:aws:iam::${ACCOUNT}:role/*`])).toThrow(/is not one role \(pattern\) of an account/);
  });
});
