import { compareStatefulManifest } from '../../tools/stateful-manifest';

const bucket = { stack: 'Data', logicalId: 'UploadsBucketA1B2', type: 'AWS::S3::Bucket' };
const key = { stack: 'Data', logicalId: 'DataKeyC3D4', type: 'AWS::KMS::Key' };

describe('stateful manifest comparison', () => {
  test('agrees when every listed resource is still there', () => {
    expect(compareStatefulManifest({ resources: [bucket, key], migrations: [] }, [bucket, key])).toEqual([]);
  });

  test('fails when a stateful resource disappears or changes logical ID', () => {
    const renamed = { ...bucket, logicalId: 'UploadsBucketNEW' };
    const problems = compareStatefulManifest({ resources: [bucket, key], migrations: [] }, [renamed, key]);
    expect(problems).toEqual([
      expect.stringContaining('Data/UploadsBucketA1B2 (AWS::S3::Bucket) is gone or renamed'),
      expect.stringContaining('Data/UploadsBucketNEW (AWS::S3::Bucket) is new'),
    ]);
  });

  test('accepts a removal that names its migration', () => {
    const manifest = {
      resources: [bucket, key],
      migrations: [{ ...key, note: 'Data re-encrypted under the new key' }],
    };
    expect(compareStatefulManifest(manifest, [bucket])).toEqual([]);
  });

  test('fails when a resource changes type under the same ID', () => {
    expect(
      compareStatefulManifest({ resources: [bucket], migrations: [] }, [
        { ...bucket, type: 'AWS::S3Express::DirectoryBucket' },
      ]),
    ).toEqual(['Data/UploadsBucketA1B2 changed type from AWS::S3::Bucket to AWS::S3Express::DirectoryBucket.']);
  });
});
