import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { LockedBackupVault, LockedBackupVaultProps } from '../../lib/backup/locked-backup-vault';

function build(props: Partial<LockedBackupVaultProps> = {}) {
  const stack = new Stack(new App(), 'V');
  new LockedBackupVault(stack, 'Vault', { vaultName: 'test-vault', encryptionKey: new kms.Key(stack, 'K'), ...props });
  return Template.fromStack(stack);
}

describe('LockedBackupVault', () => {
  // AWS Config's backup-recovery-point-manual-deletion-disabled recognises only ONE Deny, with "*" as principal and
  // resource, that holds DeleteRecoveryPoint, UpdateRecoveryPointLifecycle and PutBackupVaultAccessPolicy.
  test('locks in governance mode by default and denies deleting recovery points in the one statement Config reads', () => {
    const t = build();
    t.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        BackupVaultName: 'test-vault',
        LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 14 },
        AccessPolicy: {
          Statement: [
            Match.objectLike({
              Effect: 'Deny',
              Principal: '*',
              Resource: '*',
              Action: Match.arrayWith([
                'backup:DeleteRecoveryPoint',
                'backup:UpdateRecoveryPointLifecycle',
                'backup:PutBackupVaultAccessPolicy',
              ]),
            }),
            Match.objectLike({ Effect: 'Deny', Action: 'backup:PutBackupVaultLockConfiguration' }),
          ],
        },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('exempts the deployment role from the lock-put deny only, break glass from both', () => {
    const glass = 'arn:aws:iam::123456789012:role/glass';
    const deploy = 'arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1';
    const vault = Object.values(
      build({ breakGlassRoleArn: glass, deploymentRoleArn: deploy }).findResources('AWS::Backup::BackupVault'),
    )[0];
    expect(
      vault.Properties.AccessPolicy.Statement.map(
        (s: { Sid: string; Condition: { ArnNotEquals: Record<string, unknown> } }) => [
          s.Sid,
          s.Condition.ArnNotEquals['aws:PrincipalArn'],
        ],
      ),
    ).toEqual([
      ['OnlyBreakGlassDeletesRecoveryPointsOrChangesPolicy', glass],
      ['OnlyBreakGlassOrDeploySetsLock', [glass, deploy]],
    ]);
  });

  test('locks in compliance mode, changeable for 72 hours, only when asked', () => {
    build({ lockMode: 'compliance', minRetention: Duration.days(14) }).hasResourceProperties(
      'AWS::Backup::BackupVault',
      {
        LockConfiguration: { MinRetentionDays: 14, MaxRetentionDays: 28, ChangeableForDays: 3 },
      },
    );
  });

  test('fails when the lock mode is unknown', () => {
    expect(() => build({ lockMode: 'legal-hold' as never })).toThrow(
      /\[LockedBackupVault\.lockMode\] .*lockMode = "legal-hold": is neither 'governance' nor 'compliance'/,
    );
  });
});
