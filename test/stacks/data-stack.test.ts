import { Match, Template } from 'aws-cdk-lib/assertions';
import { referenceAssembly } from '../support/reference-assembly';

describe('DataStack (reference platform)', () => {
  let template: Template;
  beforeAll(() => {
    const stack = referenceAssembly().stacks.find((st) => st.stackName === 'ref-Data')!;
    template = Template.fromJSON(stack.template);
  });

  test('declares one Aurora cluster with a writer and two readers', () => {
    template.resourceCountIs('AWS::RDS::DBCluster', 1);
    template.resourceCountIs('AWS::RDS::DBInstance', 3);
  });

  test('names the upload and dump buckets deterministically, so monitoring can cover them without references', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.stringLikeRegexp('^ref-uploads-123456789012-eu-west-1$'),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.stringLikeRegexp('^ref-dumps-123456789012-eu-west-1$'),
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 35 } },
      },
    });
  });

  test('dumps from the writer (cluster endpoint): on a reader a long pg_dump is cancelled by replay conflicts', () => {
    const [definition] = Object.values(template.findResources('AWS::ECS::TaskDefinition')).filter((d) =>
      JSON.stringify(d.Properties.ContainerDefinitions).includes('GPG_RECIPIENT_KEY'),
    );
    const env = definition.Properties.ContainerDefinitions[0].Environment as { Name: string; Value: unknown }[];
    const host = env.find((e) => e.Name === 'PGHOST')?.Value;
    const cluster = Object.keys(template.findResources('AWS::RDS::DBCluster'))[0];
    expect(host).toEqual({ 'Fn::GetAtt': [cluster, 'Endpoint.Address'] });
  });

  test("the dump logs in with its own retained, generated secret (dump_reader), never the master's", () => {
    const [definition] = Object.values(template.findResources('AWS::ECS::TaskDefinition')).filter((d) =>
      JSON.stringify(d.Properties.ContainerDefinitions).includes('GPG_RECIPIENT_KEY'),
    );
    const secrets = definition.Properties.ContainerDefinitions[0].Secrets as { Name: string; ValueFrom: unknown }[];
    const text = JSON.stringify(secrets);
    // The master secret is the cluster's MasterUserSecret.SecretArn: the dump is never handed it.
    expect(text).not.toMatch(/MasterUserSecret/);
    const readers = template.findResources('AWS::SecretsManager::Secret', {
      Properties: { GenerateSecretString: { SecretStringTemplate: '{"username":"dump_reader"}' } },
    });
    expect(Object.keys(readers)).toHaveLength(1);
    const [id] = Object.keys(readers);
    expect(id).toMatch(/^DatabaseBootstrapDumpReaderSecret[0-9A-F]{8}$/);
    expect(readers[id]).toMatchObject({ UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Retain' });
    const keys = Object.keys(template.findResources('AWS::KMS::Key'));
    expect(keys).toContainEqual((readers[id].Properties.KmsKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]);
    for (const [name, field] of [
      ['PGUSER', 'username'],
      ['PGPASSWORD', 'password'],
    ]) {
      expect(secrets.find((s) => s.Name === name)?.ValueFrom).toEqual({
        'Fn::Join': ['', [{ Ref: id }, `:${field}::`]],
      });
    }
    // The bootstrap sets dump_reader's password from the same secret.
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { DUMP_READER_SECRET_ARN: { Ref: id } } } },
    });
    expect(Object.keys(functions)).toHaveLength(1);
    // Not handed to the task before the bootstrap has set its password.
    const bootstrap = Object.keys(template.findResources('Custom::DatabaseBootstrap'))[0];
    expect(definition.DependsOn).toContain(bootstrap);
  });

  test("the dump task's roles may not read the master secret; only the bootstrap's role names it", () => {
    const cluster = Object.keys(template.findResources('AWS::RDS::DBCluster'))[0];
    const masterSecret = JSON.stringify({ 'Fn::GetAtt': [cluster, 'MasterUserSecret.SecretArn'] });
    const naming = Object.entries({
      ...template.findResources('AWS::IAM::Policy'),
      ...template.findResources('AWS::IAM::ManagedPolicy'),
    })
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes(masterSecret))
      .map(([, p]) => JSON.stringify(p.Properties.Roles));
    expect(naming).toHaveLength(1);
    expect(naming[0]).toMatch(/DatabaseBootstrapRole/);
    expect(naming[0]).not.toMatch(/DumpTask/);
  });

  test('expires each dump after the backup retention (unique keys never become noncurrent); uploads never', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    const named = (pattern: RegExp) =>
      Object.values(buckets).find((b) => pattern.test(String(b.Properties.BucketName)))!.Properties;
    expect(named(/^ref-dumps-/).LifecycleConfiguration.Rules).toEqual(
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
    expect(JSON.stringify(named(/^ref-uploads-/).LifecycleConfiguration)).not.toMatch(/ExpirationInDays/);
  });

  test('keeps three customer managed keys with rotation, retained', () => {
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(3);
    for (const k of Object.values(keys)) {
      expect(k.Properties.EnableKeyRotation).toBe(true);
      expect(k.DeletionPolicy).toBe('Retain');
    }
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/ref/primary/data' });
  });

  test('replicates both buckets to the recovery region key by alias ARN', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')).filter(
      (b) => b.Properties.ReplicationConfiguration,
    );
    expect(buckets).toHaveLength(2);
    for (const b of buckets) {
      expect(JSON.stringify(b.Properties.ReplicationConfiguration)).toContain(
        ':kms:eu-central-1:123456789012:alias/ref/recovery/data',
      );
    }
  });
});
