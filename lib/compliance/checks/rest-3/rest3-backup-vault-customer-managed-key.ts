import { ofTypes, resourceCheck } from '../check';
import { props, rotatedKey } from '../private/cfn';

/** REST-3: every backup vault encrypts its recovery points with a rotated customer managed key of its own stack. */
export const backupVaultCmk = resourceCheck({
  id: 'REST3-BackupVaultCustomerManagedKey',
  claims: ['REST-3'],
  failure: 'A backup vault is not encrypted with a rotated customer managed KMS key.',
  description:
    'REST-3: database backups are encrypted; in the vaults of both regions, under keys the platform controls.',
  evidenceProperties: ['BackupVaultName', 'EncryptionKeyArn', 'LockConfiguration'],
  appliesTo: ofTypes('AWS::Backup::BackupVault'),
  judge: (node) => {
    const key = rotatedKey(node, props(node).EncryptionKeyArn);
    if (key === 'not a key of this stack') return ['VaultKeyNotCustomerManaged'];
    return key === 'rotated' ? true : ['VaultKeyRotationOff'];
  },
});
