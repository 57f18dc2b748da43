import { vaultsLockedAndGuarded as check } from '../../../../lib/compliance/checks/rest-3/rest3-vaults-locked-and-guarded';
import { Change, edited, inRegion, modelOf, outcomes, RECOVERY, ref } from '../../../support/check-fixtures';

const BREAK_GLASS = 'arn:aws:iam::123456789012:role/prod-break-glass';
const DEPLOYMENT = 'arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1';
const POLICY_AND_UNLOCK = [
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultLockConfiguration',
];
const LOCK_PUT = ['backup:PutBackupVaultLockConfiguration'];
const RECOVERY_POINTS = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'];
const denyBut = (actions: string[], ...exempt: string[]) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: actions,
  Resource: '*',
  Condition: { ArnNotEquals: { 'aws:PrincipalArn': exempt } },
});
const vault = (name: string) => ({
  Type: 'AWS::Backup::BackupVault',
  Properties: {
    BackupVaultName: name,
    LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 36500 },
    AccessPolicy: {
      Version: '2012-10-17',
      // The reference's two statements: recovery points, policy and unlock in one (the form AWS Config's
      // manual-deletion rule recognises) to break glass only; the lock put also to the deployment role.
      Statement: [
        denyBut([...RECOVERY_POINTS, ...POLICY_AND_UNLOCK], BREAK_GLASS),
        denyBut(LOCK_PUT, BREAK_GLASS, DEPLOYMENT),
      ],
    },
  },
});
const backup = {
  Resources: {
    Vault: vault('prod'),
    Plan: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: {
        BackupPlan: {
          BackupPlanName: 'prod',
          BackupPlanRule: [
            {
              RuleName: 'Daily',
              TargetBackupVault: ref('Vault'),
              Lifecycle: { DeleteAfterDays: 35 },
              CopyActions: [
                {
                  DestinationBackupVaultArn: 'arn:aws:backup:eu-central-1:123456789012:backup-vault:prod-recovery',
                  Lifecycle: { DeleteAfterDays: 35 },
                },
              ],
            },
          ],
        },
      },
    },
  },
};
const recovery = { Resources: { Vault: vault('prod-recovery') } };
const judged = (primaryChange: Change, recoveryChange: Change = () => {}) =>
  outcomes(
    check,
    modelOf({
      'prod-Backup': edited(backup, primaryChange),
      'prod-Recovery': inRegion(RECOVERY, edited(recovery, recoveryChange)),
    }),
  );
const vaultPolicy = (r: Parameters<Change>[0]) => r.Vault.Properties.AccessPolicy.Statement;
const ONE_DENY_MISSING =
  "no single Deny to every principal holds backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle, backup:PutBackupVaultAccessPolicy (AWS Config's backup-recovery-point-manual-deletion-disabled stays NON_COMPLIANT)";
const LOCK_PASSES =
  'pass Vault: vault Vault (eu-west-1): locked 35 to 36500 days, the retention of the rules filling it (35 days)';
const POLICY_PASSES = `pass Vault: vault Vault (eu-west-1): policy, lock and recovery-point changes denied to every principal but ${BREAK_GLASS}`;

describe('REST3-VaultsLockedAndGuarded', () => {
  test('Compliance', () => {
    // The reference leaves the lock put to the deployment role too (statement 2), and passes.
    expect(judged(() => {})).toEqual([
      LOCK_PASSES,
      POLICY_PASSES,
      'pass Vault: vault Vault (eu-central-1): locked 35 to 36500 days, the retention of the rules filling it (35 days)',
      `pass Vault: vault Vault (eu-central-1): policy, lock and recovery-point changes denied to every principal but ${BREAK_GLASS}`,
    ]);
    // A vault named by a literal target fills it too; a deny without exceptions (and Principal '*', Action backup:*) guards it.
    const named = judged((r) => {
      r.Plan.Properties.BackupPlan.BackupPlanRule[0].TargetBackupVault = 'prod';
      r.Vault.Properties.AccessPolicy.Statement = [
        { Effect: 'Deny', Principal: '*', Action: 'backup:*', Resource: ['*'] },
      ];
    });
    expect(named.slice(0, 2)).toEqual([
      LOCK_PASSES,
      'pass Vault: vault Vault (eu-west-1): policy, lock and recovery-point changes denied to every principal but none (no exception)',
    ]);
  });

  test('Noncompliance 1: no backup vault', () => {
    expect(outcomes(check, modelOf({ 'prod-Backup': { Resources: {} } }))).toEqual([
      'fail -: no backup vault in the assembly',
    ]);
  });

  test('Noncompliance 2: no plan rule or copy action fills the vault', () => {
    expect(judged((r) => r.Plan.Properties.BackupPlan.BackupPlanRule[0].CopyActions.pop())[2]).toBe(
      'fail Vault: vault Vault (eu-central-1): no backup plan rule or copy action fills it',
    );
  });

  test('Noncompliance 3: no Vault Lock', () => {
    expect(judged((r) => delete r.Vault.Properties.LockConfiguration)[0]).toBe(
      'fail Vault: vault Vault (eu-west-1): no Vault Lock',
    );
  });

  test('Noncompliance 4: the lock minimum differs from the retention', () => {
    expect(judged((r) => (r.Vault.Properties.LockConfiguration.MinRetentionDays = 7))[0]).toBe(
      'fail Vault: vault Vault (eu-west-1): lock minimum 7 days differs from the 35-day retention of the rules filling it',
    );
  });

  test('Noncompliance 5: the lock has no maximum', () => {
    expect(judged((r) => delete r.Vault.Properties.LockConfiguration.MaxRetentionDays)[0]).toBe(
      'fail Vault: vault Vault (eu-west-1): lock has no maximum retention',
    );
  });

  test('Noncompliance 6: the lock maximum does not exceed the minimum', () => {
    expect(judged((r) => (r.Vault.Properties.LockConfiguration.MaxRetentionDays = 35))[0]).toBe(
      'fail Vault: vault Vault (eu-west-1): lock maximum 35 days does not exceed the minimum and every retention',
    );
  });

  test('Noncompliance 11: the lock has no minimum (named as such, not as a number)', () => {
    expect(judged((r) => delete r.Vault.Properties.LockConfiguration.MinRetentionDays)[0]).toBe(
      'fail Vault: vault Vault (eu-west-1): lock has no minimum retention',
    );
  });

  test('Noncompliance 12: a rule filling the vault keeps its recovery points forever', () => {
    expect(judged((r) => delete r.Plan.Properties.BackupPlan.BackupPlanRule[0].Lifecycle)[0]).toBe(
      'fail Vault: vault Vault (eu-west-1): a rule filling it sets no retention (DeleteAfterDays)',
    );
  });

  test('Noncompliance 7: an action not denied to every principal', () => {
    const allowed = judged((r) => {
      vaultPolicy(r)[0].Action = ['backup:DeleteRecoveryPoint', ...POLICY_AND_UNLOCK];
      vaultPolicy(r)[1].Principal = { AWS: 'arn:aws:iam::123456789012:root' };
    });
    expect(allowed[1]).toBe(
      'fail Vault: vault Vault (eu-west-1): ' +
        'backup:PutBackupVaultLockConfiguration is not denied to every principal' +
        '; backup:UpdateRecoveryPointLifecycle is not denied to every principal; ' +
        ONE_DENY_MISSING,
    );
  });

  test('Noncompliance 8: a deny with exceptions beyond one break-glass role', () => {
    const extra = 'arn:aws:iam::123456789012:role/admin';
    const tooMany = judged(
      (r) => (vaultPolicy(r)[0] = denyBut([...RECOVERY_POINTS, ...POLICY_AND_UNLOCK], BREAK_GLASS, extra)),
    );
    expect(tooMany[1]).toBe(
      'fail Vault: vault Vault (eu-west-1): ' +
        [...POLICY_AND_UNLOCK, ...RECOVERY_POINTS]
          .map((a) => `${a} is denied with exceptions beyond one break-glass role`)
          .join('; '),
    );
    const wildcard = judged(
      (r) => (vaultPolicy(r)[1].Condition = { ArnNotLike: { 'aws:PrincipalArn': [`${extra}*`] } }),
    );
    expect(wildcard[1]).toBe(
      'fail Vault: vault Vault (eu-west-1): ' +
        LOCK_PUT.map((a) => `${a} is denied with exceptions beyond one break-glass role and the deployment role`).join(
          '; ',
        ),
    );
  });

  test('Noncompliance 9: different break-glass roles for different actions', () => {
    const other = 'arn:aws:iam::123456789012:role/other-glass';
    expect(judged((r) => (vaultPolicy(r)[0] = denyBut([...RECOVERY_POINTS, ...POLICY_AND_UNLOCK], other)))[1]).toBe(
      `fail Vault: vault Vault (eu-west-1): exempts ${BREAK_GLASS} for backup:PutBackupVaultLockConfiguration but ${other} elsewhere`,
    );
  });

  // The deployment role (CDK's cfn-exec role) may set the lock, nothing else: the old policy, which also let it
  // replace or remove the policy and remove the lock, fails.
  test('Noncompliance 10: the deployment role exempted for the policy or for removing the lock', () => {
    const leftTo = (a: string) => `${a} is left to the deployment role ${DEPLOYMENT}, which may only set the lock`;
    const oldPolicy = judged((r) => {
      r.Vault.Properties.AccessPolicy.Statement = [
        denyBut([...POLICY_AND_UNLOCK, ...LOCK_PUT], BREAK_GLASS, DEPLOYMENT),
        denyBut(RECOVERY_POINTS, BREAK_GLASS),
      ];
    });
    expect(oldPolicy[1]).toBe(
      `fail Vault: vault Vault (eu-west-1): ${POLICY_AND_UNLOCK.map(leftTo).join('; ')}; ${ONE_DENY_MISSING}`,
    );
    const putPolicy = judged((r) => {
      vaultPolicy(r)[0] = denyBut([...RECOVERY_POINTS, ...POLICY_AND_UNLOCK.slice(1)], BREAK_GLASS);
      vaultPolicy(r).push(denyBut(['backup:PutBackupVaultAccessPolicy'], BREAK_GLASS, DEPLOYMENT));
    });
    expect(putPolicy[1]).toBe(
      `fail Vault: vault Vault (eu-west-1): ${leftTo('backup:PutBackupVaultAccessPolicy')}; ${ONE_DENY_MISSING}`,
    );
    const unlock = judged((r) => {
      vaultPolicy(r)[0] = denyBut([...RECOVERY_POINTS, ...POLICY_AND_UNLOCK.slice(0, 2)], BREAK_GLASS);
      vaultPolicy(r)[1] = denyBut(['backup:DeleteBackupVaultLockConfiguration', ...LOCK_PUT], BREAK_GLASS, DEPLOYMENT);
    });
    expect(unlock[1]).toBe(
      `fail Vault: vault Vault (eu-west-1): ${leftTo('backup:DeleteBackupVaultLockConfiguration')}`,
    );
    // Left to the deployment role alone (no break glass) is no better.
    const deployOnly = judged((r) => {
      vaultPolicy(r)[0] = denyBut(POLICY_AND_UNLOCK, BREAK_GLASS);
      vaultPolicy(r).push(denyBut(RECOVERY_POINTS, DEPLOYMENT));
    });
    expect(deployOnly[1]).toBe(
      `fail Vault: vault Vault (eu-west-1): ${RECOVERY_POINTS.map(leftTo).join('; ')}; ${ONE_DENY_MISSING}`,
    );
  });

  // AWS Config's backup-recovery-point-manual-deletion-disabled recognises only one Deny holding DeleteRecoveryPoint,
  // UpdateRecoveryPointLifecycle and PutBackupVaultAccessPolicy: the earlier split policy kept it red from day one.
  test('Noncompliance 13: the deletion Deny split over statements (as IAM, equivalent; as Config, not)', () => {
    const split = judged((r) => {
      r.Vault.Properties.AccessPolicy.Statement = [
        denyBut(RECOVERY_POINTS, BREAK_GLASS),
        denyBut(POLICY_AND_UNLOCK, BREAK_GLASS),
        denyBut(LOCK_PUT, BREAK_GLASS, DEPLOYMENT),
      ];
    });
    expect(split[1]).toBe(`fail Vault: vault Vault (eu-west-1): ${ONE_DENY_MISSING}`);
  });
});
