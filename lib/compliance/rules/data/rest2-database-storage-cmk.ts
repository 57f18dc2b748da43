import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, rotatedKey } from './private/cfn';

/**
 * REST-2 (exceeds the claim): database storage is encrypted with a rotated customer managed key of the stack, and
 * so is Performance Insights data of every instance that collects it.
 */
export const databaseStorageCmk: ClaimRule = {
  id: 'REST2-DatabaseStorageCustomerManagedKey',
  claims: ['REST-2'],
  info: 'A database cluster or its Performance Insights data is not encrypted with a rotated customer managed KMS key.',
  explanation:
    'REST-2: the security page allows unencrypted databases; here every database and its Performance Insights data are encrypted at rest under a customer managed key.',
  evidenceProperties: ['StorageEncrypted', 'KmsKeyId', 'PerformanceInsightsKMSKeyId'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType === 'AWS::RDS::DBInstance') {
      const p = cfnProperties(node);
      if (p.PerformanceInsightsEnabled !== true && p.EnablePerformanceInsights !== true)
        return NagRuleCompliance.NOT_APPLICABLE;
      return rotatedKey(node, p.PerformanceInsightsKMSKeyId) === 'rotated'
        ? NagRuleCompliance.COMPLIANT
        : ['PerformanceInsightsNotCustomerManagedKey'];
    }
    if (node.cfnResourceType !== 'AWS::RDS::DBCluster') return NagRuleCompliance.NOT_APPLICABLE;
    const p = cfnProperties(node);
    if (p.StorageEncrypted !== true) return ['StorageNotEncrypted'];
    const key = rotatedKey(node, p.KmsKeyId);
    if (key === 'not a key of this stack') return ['StorageKeyNotCustomerManaged'];
    return key === 'rotated' ? NagRuleCompliance.COMPLIANT : ['StorageKeyRotationOff'];
  },
};
