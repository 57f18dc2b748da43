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
