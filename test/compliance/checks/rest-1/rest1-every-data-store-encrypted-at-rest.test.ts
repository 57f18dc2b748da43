import { everyDataStoreEncryptedAtRest as check } from '../../../../lib/compliance/checks/rest-1/rest1-every-data-store-encrypted-at-rest';
import { Change, edited, modelOf, ref, resource, verdicts } from '../../../support/check-fixtures';

const stores = {
  Resources: {
    Bucket: resource('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    }),
    Queue: resource('AWS::SQS::Queue', { SqsManagedSseEnabled: true }),
    Topic: resource('AWS::SNS::Topic', { KmsMasterKeyId: 'alias/x' }),
    Table: resource('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: true } }),
    Files: resource('AWS::EFS::FileSystem', { Encrypted: true }),
    Logs: resource('AWS::Logs::LogGroup', { KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/x' }),
    Secret: resource('AWS::SecretsManager::Secret'),
    Cluster: resource('AWS::RDS::DBCluster', { StorageEncrypted: true }),
    // An Aurora instance has no storage of its own.
    Instance: resource('AWS::RDS::DBInstance', { DBClusterIdentifier: ref('Cluster') }),
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(stores, change) }));

describe('REST1-EveryDataStoreEncryptedAtRest', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': stores }))).toEqual(
      ['Bucket', 'Queue', 'Topic', 'Table', 'Files', 'Logs', 'Secret', 'Cluster'].map((id) => `${id}: compliant`),
    );
  });

  test.each([
    [
      1,
      'an unencrypted queue beside the platform',
      'Queue',
      (r: Record<string, { Properties: Record<string, unknown> }>) => delete r.Queue.Properties.SqsManagedSseEnabled,
    ],
    [
      2,
      'a topic without a key',
      'Topic',
      (r: Record<string, { Properties: Record<string, unknown> }>) => delete r.Topic.Properties.KmsMasterKeyId,
    ],
    [
      3,
      'a table with the default key only',
      'Table',
      (r: Record<string, { Properties: Record<string, unknown> }>) => delete r.Table.Properties.SSESpecification,
    ],
    [
      4,
      'an unencrypted file system',
      'Files',
      (r: Record<string, { Properties: Record<string, unknown> }>) => (r.Files.Properties.Encrypted = false),
    ],
    [
      5,
      'a log group without a key',
      'Logs',
      (r: Record<string, { Properties: Record<string, unknown> }>) => delete r.Logs.Properties.KmsKeyId,
    ],
    [
      6,
      'a database cluster with storage unencrypted',
      'Cluster',
      (r: Record<string, { Properties: Record<string, unknown> }>) => (r.Cluster.Properties.StorageEncrypted = false),
    ],
    [
      7,
      'a bucket without default encryption',
      'Bucket',
      (r: Record<string, { Properties: Record<string, unknown> }>) => delete r.Bucket.Properties.BucketEncryption,
    ],
  ])('Noncompliance %i: %s', (_n, _why, id, change) => {
    expect(judged(change as Change)).toContainEqual(`${id}: NotEncryptedAtRest`);
    expect(judged(change as Change).filter((v) => !v.endsWith(': compliant'))).toEqual([`${id}: NotEncryptedAtRest`]);
  });

  test('Noncompliance 8: a standalone database instance with storage unencrypted', () => {
    expect(judged((r) => delete r.Instance.Properties.DBClusterIdentifier)).toContainEqual(
      'Instance: NotEncryptedAtRest',
    );
  });
});
