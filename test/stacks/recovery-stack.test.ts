import { Match, Template } from 'aws-cdk-lib/assertions';
import { referenceAssembly } from '../support/reference-assembly';

describe('RecoveryStack (reference platform)', () => {
  let template: Template;
  let region: string | undefined;
  beforeAll(() => {
    const stack = referenceAssembly().stacks.find((s) => s.stackName === 'ref-Recovery')!;
    region = stack.region;
    template = Template.fromJSON(stack.template);
  });

  test('deploys to the recovery region', () => {
    expect(region).toBe('eu-central-1');
  });

  test('names the recovery vault and the data key alias the primary region builds its ARNs from', () => {
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: 'ref-recovery-vault',
      LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 70 },
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/ref/recovery/data' });
  });

  test('expires each replicated dump after the retention on its own (lifecycle delete markers are not replicated); uploads never', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    const named = (pattern: RegExp) =>
      Object.values(buckets).find((b) => pattern.test(String(b.Properties.BucketName)))!.Properties;
    expect(named(/^ref-dumps-replica-/).LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        {
          Id: 'ExpireCurrentVersionsAfterRetention',
          Status: 'Enabled',
          ExpirationInDays: 35,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        },
        { Id: 'RemoveExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
      ]),
    );
    expect(JSON.stringify(named(/^ref-uploads-replica-/).LifecycleConfiguration)).not.toMatch(/ExpirationInDays/);
  });

  test('holds both replica buckets, encrypted with the recovery data key, writable only by the fixed replication roles', () => {
    for (const [name, role] of [
      ['ref-uploads-replica-123456789012-eu-central-1', 'ref-uploads-replication-eu-west-1'],
      ['ref-dumps-replica-123456789012-eu-central-1', 'ref-dumps-replication-eu-west-1'],
    ]) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketName: name,
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
          ],
        },
      });
      expect(JSON.stringify(template.findResources('AWS::S3::BucketPolicy'))).toContain(
        `:iam::123456789012:role/${role}`,
      );
    }
  });

  test('refers to nothing in another stack', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/Fn::ImportValue/);
  });
});
