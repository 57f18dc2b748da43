import type { BackupVaultProps } from '../../template/cfn/backup';
import { modelResourceCheck } from '../check';
import { rotatedKey } from '../private/cfn';

/** REST-3: every backup vault encrypts its recovery points with a rotated customer managed key of its own region. */
export const backupVaultCmk = modelResourceCheck<BackupVaultProps>({
  id: 'REST3-BackupVaultCustomerManagedKey',
  claims: ['REST-3'],
  failure: 'A backup vault is not encrypted with a rotated customer managed KMS key.',
  description:
    'REST-3: database backups are encrypted; in the vaults of both regions, under keys the platform controls.',
  evidenceProperties: ['BackupVaultName', 'EncryptionKeyArn', 'LockConfiguration'],
  types: ['AWS::Backup::BackupVault'],
  judge: (node, model) => {
    const key = rotatedKey(model, node, node.props.EncryptionKeyArn);
    if (key === 'not a key of its region') return ['VaultKeyNotCustomerManaged'];
    return key === 'rotated' ? true : ['VaultKeyRotationOff'];
  },
});
