import { backupVaultCmk as check } from '../../../../lib/compliance/checks/rest-3/rest3-backup-vault-customer-managed-key';
import { getAtt, kmsKey, modelOf, verdicts } from '../../../support/check-fixtures';

const vault = (encryptionKeyArn: unknown, rotated = true) =>
  modelOf({
    'prod-Backup': {
      Resources: {
        Key: kmsKey(rotated),
        Vault: {
          Type: 'AWS::Backup::BackupVault',
          Properties: { BackupVaultName: 'prod', EncryptionKeyArn: encryptionKeyArn },
        },
      },
    },
  });

describe('REST3-BackupVaultCustomerManagedKey', () => {
  test('Compliance', () => {
    expect(verdicts(check, vault(getAtt('Key')))).toEqual(['Vault: compliant']);
  });

  test('Noncompliance 1: no key of the stack (the AWS managed key)', () => {
    expect(verdicts(check, vault(undefined))).toEqual(['Vault: VaultKeyNotCustomerManaged']);
  });

  test('Noncompliance 2: a key without rotation', () => {
    expect(verdicts(check, vault(getAtt('Key'), false))).toEqual(['Vault: VaultKeyRotationOff']);
  });
});
