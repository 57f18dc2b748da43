import { DATA_STORE_TYPES } from '../../../core/requirements/data-stores';
import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { props } from '../resource-readers';

/** How each kind of store says it is encrypted at rest, by its template properties. */
const ENCRYPTED: Readonly<Record<string, (p: Record<string, unknown>) => boolean>> = {
  'AWS::S3::Bucket': (p) =>
    Boolean(
      (p.BucketEncryption as { ServerSideEncryptionConfiguration?: { ServerSideEncryptionByDefault?: unknown }[] })
        ?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault,
    ),
  'AWS::RDS::DBCluster': (p) => p.StorageEncrypted === true,
  'AWS::RDS::DBInstance': (p) => p.StorageEncrypted === true,
  'AWS::SQS::Queue': (p) => p.KmsMasterKeyId !== undefined || p.SqsManagedSseEnabled === true,
  'AWS::SNS::Topic': (p) => p.KmsMasterKeyId !== undefined,
  'AWS::DynamoDB::Table': (p) => (p.SSESpecification as { SSEEnabled?: unknown } | undefined)?.SSEEnabled === true,
  'AWS::EFS::FileSystem': (p) => p.Encrypted === true,
  'AWS::Logs::LogGroup': (p) => p.KmsKeyId !== undefined,
  // Secrets Manager always encrypts, with aws/secretsmanager unless a key is named.
  'AWS::SecretsManager::Secret': () => true,
  'AWS::Kinesis::Stream': (p) =>
    (p.StreamEncryption as { EncryptionType?: unknown } | undefined)?.EncryptionType === 'KMS',
};

/**
 * REST-1 and REST-2: every data store of the assembly, of every kind in core's list, is encrypted at rest, whether
 * or not it is declared to hold customer data (what it holds can change; an unencrypted store cannot be undone).
 */
export const everyDataStoreEncryptedAtRest = resourceCheck({
  id: 'REST1-EveryDataStoreEncryptedAtRest',
  claims: ['REST-1', 'REST-2'],
  failure: 'A data store is not encrypted at rest.',
  description:
    'REST-1 and REST-2: whatever a store holds, it is encrypted at rest; a store added beside the platform is judged like its own',
  appliesTo: ofTypes(...DATA_STORE_TYPES),
  judge: (store) => {
    const p = props(store);
    // An Aurora instance keeps no storage of its own: its cluster's encryption is judged.
    if (store.type === 'AWS::RDS::DBInstance' && p.DBClusterIdentifier !== undefined) return NOT_APPLICABLE;
    const encrypted = ENCRYPTED[store.type];
    return encrypted === undefined ? ['KindNotKnown'] : encrypted(p) ? true : ['NotEncryptedAtRest'];
  },
});
