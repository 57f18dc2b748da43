import { App, Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LockedBackupVault } from '../../lib/backup/locked-backup-vault';
import { vaultsLockedAndGuarded } from '../../lib/compliance/checks';
import { failuresOf, ofType, passesOf, scratchStack, weakenedReference } from '../support/claims-support';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { referenceAssembly, referenceTemplate } from '../support/reference-assembly';
import { TEST_NOW } from '../support/reference-constants';

const BREAK_GLASS = 'arn:aws:iam::123456789012:role/ref-backup-break-glass';

describe('REST-3: vault locks hold the plan retention, and only break glass can rewrite a vault', () => {
  test('the reference locks both vaults for the plan retention (35 days) and guards their policies', () => {
    expect(failuresOf(vaultsLockedAndGuarded, referenceAssembly())).toEqual([]);
    expect(passesOf(vaultsLockedAndGuarded, referenceAssembly()).sort()).toEqual([
      'vault BackupVault368E0ECE (eu-west-1): locked 35 to 70 days, the retention of the rules filling it (35 days)',
      `vault BackupVault368E0ECE (eu-west-1): policy, lock and recovery-point changes denied to every principal but ${BREAK_GLASS}`,
      'vault RecoveryVault748005C1 (eu-central-1): locked 35 to 70 days, the retention of the rules filling it (35 days)',
      `vault RecoveryVault748005C1 (eu-central-1): policy, lock and recovery-point changes denied to every principal but ${BREAK_GLASS}`,
    ]);
  });

  test('fails when the lock keeps 7 days against a 35-day plan, and when it has no maximum', () => {
    const weak = weakenedReference((id, t) => {
      for (const [, v] of ofType(t.Resources, 'AWS::Backup::BackupVault')) {
        if (id === 'Data') v.Properties.LockConfiguration = { MinRetentionDays: 7, MaxRetentionDays: 70 };
        else delete v.Properties.LockConfiguration.MaxRetentionDays;
      }
    });
    expect(failuresOf(vaultsLockedAndGuarded, weak).sort()).toEqual([
      'vault BackupVault368E0ECE (eu-west-1): lock minimum 7 days differs from the 35-day retention of the rules filling it',
      expect.stringMatching(/^vault .* \(eu-central-1\): lock has no maximum retention$/),
    ]);
  });

  test('fails when the policy no longer denies replacing itself, and when the deny exempts another principal', () => {
    const weak = weakenedReference((id, t) => {
      for (const [, v] of ofType(t.Resources, 'AWS::Backup::BackupVault')) {
        const [guard] = v.Properties.AccessPolicy.Statement;
        if (id === 'Data') guard.Action = guard.Action.filter((a: string) => a !== 'backup:PutBackupVaultAccessPolicy');
        else guard.Condition.ArnNotEquals['aws:PrincipalArn'] = [BREAK_GLASS, 'arn:aws:iam::123456789012:role/ops'];
      }
    });
    expect(failuresOf(vaultsLockedAndGuarded, weak).sort()).toEqual([
      // Dropped from the one Deny, the action is allowed and AWS Config's manual-deletion rule turns red.
      "vault BackupVault368E0ECE (eu-west-1): backup:PutBackupVaultAccessPolicy is not denied to every principal; no single Deny to every principal holds backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle, backup:PutBackupVaultAccessPolicy (AWS Config's backup-recovery-point-manual-deletion-disabled stays NON_COMPLIANT)",
      expect.stringMatching(
        /\(eu-central-1\): backup:PutBackupVaultAccessPolicy is denied with exceptions beyond one break-glass role;.* backup:DeleteRecoveryPoint is denied with exceptions beyond one break-glass role; backup:UpdateRecoveryPointLifecycle is denied/,
      ),
    ]);
  });

  test('fails when the deployment role is exempt from the recovery-point deny too, or the exception is a wildcard', () => {
    const weak = weakenedReference((id, t) => {
      for (const [, v] of ofType(t.Resources, 'AWS::Backup::BackupVault')) {
        const [guard, lockPut] = v.Properties.AccessPolicy.Statement;
        if (id === 'Data') guard.Condition = lockPut.Condition;
        else guard.Condition = { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } };
      }
    });
    expect(failuresOf(vaultsLockedAndGuarded, weak).sort()).toEqual([
      expect.stringMatching(
        /\(eu-west-1\): backup:PutBackupVaultAccessPolicy is left to the deployment role .*; backup:DeleteRecoveryPoint is left to the deployment role arn:aws:iam::123456789012:role\/cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1, which may only set the lock;/,
      ),
      expect.stringMatching(
        /\(eu-central-1\): backup:PutBackupVaultAccessPolicy is denied with exceptions beyond one break-glass role;/,
      ),
    ]);
  });

  test("the reference lets the deployment role of each region set that region's lock, and nothing else", () => {
    const sids = (stack: 'Data' | 'Recovery') => {
      const vault = Object.values(referenceTemplate(stack).findResources('AWS::Backup::BackupVault'))[0];
      return vault.Properties.AccessPolicy.Statement.map(
        (st: { Sid: string; Action: string | string[]; Condition: { ArnNotEquals: Record<string, unknown> } }) => [
          st.Sid,
          st.Action,
          st.Condition.ArnNotEquals['aws:PrincipalArn'],
        ],
      );
    };
    const deploy = (region: string) =>
      `arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-${region}`;
    for (const [stack, region] of [
      ['Data', 'eu-west-1'],
      ['Recovery', 'eu-central-1'],
    ] as const) {
      expect(sids(stack)).toEqual([
        [
          'OnlyBreakGlassDeletesRecoveryPointsOrChangesPolicy',
          [
            'backup:DeleteRecoveryPoint',
            'backup:UpdateRecoveryPointLifecycle',
            'backup:PutBackupVaultAccessPolicy',
            'backup:DeleteBackupVaultAccessPolicy',
            'backup:DeleteBackupVaultLockConfiguration',
          ],
          BREAK_GLASS,
        ],
        ['OnlyBreakGlassOrDeploySetsLock', 'backup:PutBackupVaultLockConfiguration', [BREAK_GLASS, deploy(region)]],
      ]);
    }
  });

  test('fails when the deployment role may again replace or remove the policy, or remove the lock (the old exemption)', () => {
    const old = weakenedReference((_, t) => {
      for (const [, v] of ofType(t.Resources, 'AWS::Backup::BackupVault')) {
        const [guard, lockPut] = v.Properties.AccessPolicy.Statement;
        const recoveryPoint = (a: string) => a.includes('RecoveryPoint');
        v.Properties.AccessPolicy.Statement = [
          { ...guard, Action: guard.Action.filter(recoveryPoint) },
          { ...lockPut, Action: [...guard.Action.filter((a: string) => !recoveryPoint(a)), lockPut.Action] },
        ];
      }
    });
    const failures = failuresOf(vaultsLockedAndGuarded, old);
    expect(failures).toHaveLength(2);
    for (const f of failures)
      expect(f).toMatch(
        /backup:PutBackupVaultAccessPolicy is left to the deployment role .*cfn-exec-role.*; backup:DeleteBackupVaultAccessPolicy is left to .*; backup:DeleteBackupVaultLockConfiguration is left to the deployment role .*, which may only set the lock; no single Deny to every principal holds/,
      );
  });

  test('LockedBackupVault rejects a maximum not above the minimum, naming the prop and the fix', () => {
    const stack = scratchStack();
    expect(
      () =>
        new LockedBackupVault(stack, 'Vault', {
          vaultName: 'vv',
          encryptionKey: new kms.Key(stack, 'Key'),
          minRetention: Duration.days(35),
          maxRetention: Duration.days(35),
        }),
    ).toThrow(
      /^\[LockedBackupVault\.maxRetention\] Weak\/Vault: maxRetention = 35 days: .*Fix: give more than minRetention \(35 days\)/,
    );
  });

  test('without a break-glass role the construct exempts nobody', () => {
    const stack = scratchStack();
    new LockedBackupVault(stack, 'Vault', { vaultName: 'vv', encryptionKey: new kms.Key(stack, 'Key') });
    const vault = Object.values(Template.fromStack(stack).findResources('AWS::Backup::BackupVault'))[0];
    expect(vault.Properties.AccessPolicy.Statement.map((s: { Condition?: unknown }) => s.Condition)).toEqual([
      undefined,
      undefined,
    ]);
    expect(vault.Properties.LockConfiguration).toEqual({ MinRetentionDays: 7, MaxRetentionDays: 14 });
  });
});

describe('the break-glass role', () => {
  test('the reference declares it in the recovery stack, MFA-only, allowed only the policy and lock actions', () => {
    const t = referenceTemplate('Recovery');
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'ref-backup-break-glass',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })],
      },
    });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            // CDK sorts a statement's actions and resources.
            Action: [
              'backup:DeleteBackupVaultAccessPolicy',
              'backup:DeleteBackupVaultLockConfiguration',
              'backup:PutBackupVaultAccessPolicy',
              'backup:PutBackupVaultLockConfiguration',
            ],
            Resource: [
              'arn:aws:backup:eu-central-1:123456789012:backup-vault:ref-recovery-vault',
              'arn:aws:backup:eu-west-1:123456789012:backup-vault:ref-primary-vault',
            ],
          }),
        ],
      },
    });
  });

  test('a configured role replaces it: none is declared and both vaults exempt the configured one', () => {
    const app = new App();
    const stage = new PlatformStage(app, 'glass', {
      config: referencePlatformConfig(
        { environmentName: 'glass', backup: { breakGlassRoleArn: 'arn:aws:iam::123456789012:role/security/glass' } },
        TEST_NOW,
      ),
      now: TEST_NOW,
      stockPacks: [],
    });
    const recovery = Template.fromStack(stage.recovery);
    expect(
      Object.keys(recovery.findResources('AWS::IAM::Role', { Properties: { RoleName: 'glass-backup-break-glass' } })),
    ).toEqual([]);
    for (const t of [recovery, Template.fromStack(stage.data)]) {
      const vault = Object.values(t.findResources('AWS::Backup::BackupVault'))[0];
      expect(vault.Properties.AccessPolicy.Statement[0].Condition).toEqual({
        ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/security/glass' },
      });
    }
  });
});
