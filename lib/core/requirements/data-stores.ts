/**
 * Every kind of data store the checks judge for encryption at rest, public access, TLS and access logging, whatever
 * holds it and wherever it stands: a store added beside the platform is judged like the platform's own.
 */
export const DATA_STORE_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem',
  'AWS::Logs::LogGroup',
  'AWS::SecretsManager::Secret',
  'AWS::Kinesis::Stream',
];

/** Stores that carry messages in transit: their resource policy must refuse requests without TLS. */
export const MESSAGE_STORE_TYPES: readonly string[] = ['AWS::SQS::Queue', 'AWS::SNS::Topic'];
