import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { props, rotatedKey } from '../private/cfn';

/**
 * REST-2 (exceeds the claim): database storage is encrypted with a rotated customer managed key of the stack, and
 * so is Performance Insights data of every instance that collects it.
 */
export const databaseStorageCmk = resourceCheck({
  id: 'REST2-DatabaseStorageCustomerManagedKey',
  claims: ['REST-2'],
  failure:
    'A database cluster or its Performance Insights data is not encrypted with a rotated customer managed KMS key.',
  description:
    'REST-2: the security page allows unencrypted databases; here every database and its Performance Insights data are encrypted at rest under a customer managed key.',
  evidenceProperties: ['StorageEncrypted', 'KmsKeyId', 'PerformanceInsightsKMSKeyId'],
  appliesTo: ofTypes('AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'),
  judge: (node) => {
    if (node.type === 'AWS::RDS::DBInstance') {
      const p = props(node);
      if (p.PerformanceInsightsEnabled !== true && p.EnablePerformanceInsights !== true) return NOT_APPLICABLE;
      return rotatedKey(node, p.PerformanceInsightsKMSKeyId) === 'rotated'
        ? true
        : ['PerformanceInsightsNotCustomerManagedKey'];
    }
    if (node.type !== 'AWS::RDS::DBCluster') return NOT_APPLICABLE;
    const p = props(node);
    if (p.StorageEncrypted !== true) return ['StorageNotEncrypted'];
    const key = rotatedKey(node, p.KmsKeyId);
    if (key === 'not a key of this stack') return ['StorageKeyNotCustomerManaged'];
    return key === 'rotated' ? true : ['StorageKeyRotationOff'];
  },
});
