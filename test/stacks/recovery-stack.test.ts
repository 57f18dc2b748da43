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

  test('holds a VPC of isolated subnets only for restore tests: no internet or NAT gateway, flow logs under the logs key', () => {
    expect(Object.keys(template.findResources('AWS::EC2::VPC'))).toHaveLength(1);
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet'));
    expect(subnets).toHaveLength(3);
    for (const s of subnets) {
      expect(s.Properties.MapPublicIpOnLaunch).toBe(false);
      expect(s.Properties.Tags).toContainEqual({ Key: 'aws-cdk:subnet-type', Value: 'Isolated' });
    }
    expect(template.findResources('AWS::EC2::InternetGateway')).toEqual({});
    expect(template.findResources('AWS::EC2::NatGateway')).toEqual({});
    const [logsKey] = Object.entries(template.findResources('AWS::KMS::Key')).find(([, k]) =>
      String(k.Properties.Description).startsWith('CloudWatch Logs'),
    )!;
    const flowLog = Object.values(template.findResources('AWS::EC2::FlowLog'))[0].Properties;
    expect(flowLog).toMatchObject({ ResourceType: 'VPC', TrafficType: 'ALL' });
    const group = template.toJSON().Resources[flowLog.LogGroupName.Ref];
    expect(group.Properties).toMatchObject({ KmsKeyId: { 'Fn::GetAtt': [logsKey, 'Arn'] }, RetentionInDays: 731 });
    expect(group.DeletionPolicy).toBe('Retain');
  });

  test('stays far below the CloudFormation limits (500 resources, 1 MB template through S3)', () => {
    const json = template.toJSON();
    expect(Object.keys(json.Resources).length).toBeLessThan(100);
    expect(JSON.stringify(json).length).toBeLessThan(100_000);
  });

  test('refers to nothing in another stack', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/Fn::ImportValue/);
  });
});
