import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as fs from 'fs';
import * as path from 'path';
import { DUMP_CONTAINER_DIR, GpgDumpTask, GpgDumpTaskProps } from '../../lib/backup/gpg-dump-task';
import { REFERENCE_DUMP_PUBLIC_KEY } from '../../lib/config/reference-config';
import { AccessLogBucket } from '../../lib/data/access-log-bucket';
import { EncryptedUploadBucket } from '../../lib/data/encrypted-upload-bucket';

function build(overrides: Partial<GpgDumpTaskProps> = {}) {
  const stack = new Stack(new App(), 'Data', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  const key = new kms.Key(stack, 'DataKey');
  const bucket = new EncryptedUploadBucket(stack, 'Dumps', {
    encryptionKey: key,
    serverAccessLogsBucket: new AccessLogBucket(stack, 'Logs').bucket,
    allowSingleRegion: true,
  });
  const dbSg = new ec2.SecurityGroup(stack, 'DbSg', { vpc, allowAllOutbound: false });
  new GpgDumpTask(stack, 'DumpTask', {
    vpc,
    database: {
      securityGroup: dbSg,
      port: 5433,
      hostname: 'db.example',
      databaseName: 'app',
      secret: new secretsmanager.Secret(stack, 'S'),
    },
    bucket,
    gpgPublicKey: REFERENCE_DUMP_PUBLIC_KEY,
    logEncryptionKey: new kms.Key(stack, 'LogsKey'),
    ...overrides,
  });
  return stack;
}

describe('GpgDumpTask', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(build());
  });

  test('builds its image from the Dockerfile in the repository, with PostgreSQL client and GnuPG', () => {
    const dockerfile = fs.readFileSync(path.join(DUMP_CONTAINER_DIR, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/postgresql-client/);
    expect(dockerfile).toMatch(/gnupg/);
    expect(dockerfile).toMatch(/^USER 10001$/m);
    expect(fs.existsSync(path.join(DUMP_CONTAINER_DIR, 'dump.sh'))).toBe(true);
  });

  test('runs daily at the configured hour through EventBridge Scheduler on Fargate without a public IP', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 4 * * ? *)',
      Target: Match.objectLike({
        EcsParameters: Match.objectLike({
          LaunchType: 'FARGATE',
          NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
        }),
      }),
    });
  });

  test('verifies the server (verify-full against the baked RDS CA bundle), passes the public key, and the credentials as secrets', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          ReadonlyRootFilesystem: true,
          Environment: Match.arrayWith([
            { Name: 'PGSSLMODE', Value: 'verify-full' },
            { Name: 'PGSSLROOTCERT', Value: '/etc/ssl/certs/rds-global-bundle.pem' },
            { Name: 'GPG_RECIPIENT_KEY', Value: REFERENCE_DUMP_PUBLIC_KEY },
          ]),
          Secrets: Match.arrayWith([Match.objectLike({ Name: 'PGUSER' }), Match.objectLike({ Name: 'PGPASSWORD' })]),
        }),
      ],
    });
  });

  test('may only put objects into the dump bucket', () => {
    const policies = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toMatch(/"Action":\["s3:PutObject","s3:AbortMultipartUpload"\]/);
  });

  test('reaches the database on its port only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 5433,
      ToPort: 5433,
      IpProtocol: 'tcp',
    });
  });

  test('fails when the key is a private key', () => {
    expect(() =>
      build({ gpgPublicKey: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nx\n-----END PGP PRIVATE KEY BLOCK-----' }),
    ).toThrow(/must never enter AWS/);
  });

  test('fails when the hour is out of range', () => {
    expect(() => build({ dailyHourUtc: 24 })).toThrow(
      /^\[GpgDumpTask\.dailyHourUtc\] Data\/DumpTask: dailyHourUtc = 24: is not an hour/,
    );
  });

  test('fails when caBundleSha256 is not a SHA-256', () => {
    expect(() => build({ caBundleSha256: 'abc' })).toThrow(
      /\[GpgDumpTask\.caBundleSha256\] .*caBundleSha256 = "abc": is not a SHA-256\. Fix:/,
    );
  });

  test('pins the CA bundle through the image build when caBundleSha256 is given', () => {
    const sha = 'a'.repeat(64);
    const assembly = build({ caBundleSha256: sha }).node.root as App;
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly.synth().directory, 'Data.assets.json'), 'utf8')) as {
      dockerImages: Record<string, { source: { dockerBuildArgs?: Record<string, string>; platform?: string } }>;
    };
    const [image] = Object.values(manifest.dockerImages);
    expect(image.source.dockerBuildArgs).toEqual({ RDS_CA_BUNDLE_SHA256: sha });
    expect(image.source.platform).toBe('linux/amd64');
  });
});
