import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, rotatedKey } from './private/cfn';

/** REST-3: every backup vault encrypts its recovery points with a rotated customer managed key of its own stack. */
export const backupVaultCmk: ClaimRule = {
  id: 'REST3-BackupVaultCustomerManagedKey',
  claims: ['REST-3'],
  info: 'A backup vault is not encrypted with a rotated customer managed KMS key.',
  explanation:
    'REST-3: database backups are encrypted; in the vaults of both regions, under keys the platform controls.',
  evidenceProperties: ['BackupVaultName', 'EncryptionKeyArn', 'LockConfiguration'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::Backup::BackupVault') return NagRuleCompliance.NOT_APPLICABLE;
    const key = rotatedKey(node, cfnProperties(node).EncryptionKeyArn);
    if (key === 'not a key of this stack') return ['VaultKeyNotCustomerManaged'];
    return key === 'rotated' ? NagRuleCompliance.COMPLIANT : ['VaultKeyRotationOff'];
  },
};
