import { DATA_STORE_TYPES } from '../../../core/requirements/data-stores';
import type { DBClusterProps, DBInstanceProps } from '../../template/cfn/rds';
import type { TableProps } from '../../template/cfn/dynamodb';
import type { FileSystemProps } from '../../template/cfn/efs';
import type { StreamProps } from '../../template/cfn/kinesis';
import type { LogGroupProps } from '../../template/cfn/logs';
import type { BucketProps } from '../../template/cfn/s3';
import type { TopicProps } from '../../template/cfn/sns';
import type { QueueProps } from '../../template/cfn/sqs';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

/** The properties by which the kinds of store say they are encrypted at rest; each kind reads only its own. */
type StoreProps = Pick<BucketProps, 'BucketEncryption'> &
  Pick<DBClusterProps, 'StorageEncrypted'> &
  Pick<DBInstanceProps, 'StorageEncrypted' | 'DBClusterIdentifier'> &
  Pick<QueueProps, 'KmsMasterKeyId' | 'SqsManagedSseEnabled'> &
  Pick<TopicProps, 'KmsMasterKeyId'> &
  Pick<TableProps, 'SSESpecification'> &
  Pick<FileSystemProps, 'Encrypted'> &
  Pick<LogGroupProps, 'KmsKeyId'> &
  Pick<StreamProps, 'StreamEncryption'>;

/** How each kind of store says it is encrypted at rest, by its template properties. */
const ENCRYPTED: Readonly<Record<string, (p: StoreProps) => boolean>> = {
  'AWS::S3::Bucket': (p) =>
    Boolean(p.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault),
  'AWS::RDS::DBCluster': (p) => p.StorageEncrypted === true,
  'AWS::RDS::DBInstance': (p) => p.StorageEncrypted === true,
  'AWS::SQS::Queue': (p) => p.KmsMasterKeyId !== undefined || p.SqsManagedSseEnabled === true,
  'AWS::SNS::Topic': (p) => p.KmsMasterKeyId !== undefined,
  'AWS::DynamoDB::Table': (p) => p.SSESpecification?.SSEEnabled === true,
  'AWS::EFS::FileSystem': (p) => p.Encrypted === true,
  'AWS::Logs::LogGroup': (p) => p.KmsKeyId !== undefined,
  // Secrets Manager always encrypts, with aws/secretsmanager unless a key is named.
  'AWS::SecretsManager::Secret': () => true,
  'AWS::Kinesis::Stream': (p) => p.StreamEncryption?.EncryptionType === 'KMS',
};

/**
 * REST-1 and REST-2: every data store of the assembly, of every kind in core's list, is encrypted at rest, whether
 * or not it is declared to hold customer data (what it holds can change; an unencrypted store cannot be undone).
 */
export const everyDataStoreEncryptedAtRest = modelResourceCheck<StoreProps>({
  id: 'REST1-EveryDataStoreEncryptedAtRest',
  claims: ['REST-1', 'REST-2'],
  failure: 'A data store is not encrypted at rest.',
  description:
    'REST-1 and REST-2: whatever a store holds, it is encrypted at rest; a store added beside the platform is judged like its own',
  types: DATA_STORE_TYPES,
  judge: (store) => {
    // An Aurora instance keeps no storage of its own: its cluster's encryption is judged.
    if (store.type === 'AWS::RDS::DBInstance' && store.props.DBClusterIdentifier !== undefined) return NOT_APPLICABLE;
    const encrypted = ENCRYPTED[store.type];
    return encrypted === undefined ? ['KindNotKnown'] : encrypted(store.props) ? true : ['NotEncryptedAtRest'];
  },
});
