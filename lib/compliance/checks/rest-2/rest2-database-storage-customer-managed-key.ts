import type { DBClusterProps, DBInstanceProps } from '../../template/cfn/rds';
import { modelResourceCheck } from '../check';
import { rotatedKey } from '../private/cfn';

/**
 * REST-2 (exceeds the claim): database storage is encrypted with a rotated customer managed key of its region, and
 * so is Performance Insights data of every instance that collects it.
 */
export const databaseStorageCmk = modelResourceCheck<DBClusterProps & DBInstanceProps>({
  id: 'REST2-DatabaseStorageCustomerManagedKey',
  claims: ['REST-2'],
  failure:
    'A database cluster or its Performance Insights data is not encrypted with a rotated customer managed KMS key.',
  description:
    'REST-2: the security page allows unencrypted databases; here every database and its Performance Insights data are encrypted at rest under a customer managed key.',
  evidenceProperties: ['StorageEncrypted', 'KmsKeyId', 'PerformanceInsightsKMSKeyId'],
  types: ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'],
  // An instance counts only when it collects Performance Insights data (either spelling of the switch).
  appliesTo: (node) =>
    node.type === 'AWS::RDS::DBCluster' ||
    node.props.PerformanceInsightsEnabled === true ||
    node.props.EnablePerformanceInsights === true,
  judge: (node, model) => {
    const p = node.props;
    if (node.type === 'AWS::RDS::DBInstance') {
      return rotatedKey(model, node, p.PerformanceInsightsKMSKeyId) === 'rotated'
        ? true
        : ['PerformanceInsightsNotCustomerManagedKey'];
    }
    if (p.StorageEncrypted !== true) return ['StorageNotEncrypted'];
    const key = rotatedKey(model, node, p.KmsKeyId);
    if (key === 'not a key of its region') return ['StorageKeyNotCustomerManaged'];
    return key === 'rotated' ? true : ['StorageKeyRotationOff'];
  },
});
