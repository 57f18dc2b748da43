import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { MultiAzDatabase, MultiAzDatabaseProps } from '../../lib/data/multi-az-database';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function build(overrides: Partial<MultiAzDatabaseProps> = {}): { stack: Stack; db: MultiAzDatabase } {
  const app = new App();
  const stack = new Stack(app, 'Db', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ZONES,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
    natGateways: 0,
  });
  const db = new MultiAzDatabase(stack, 'Database', {
    vpc,
    availabilityZones: ZONES,
    encryptionKey: new kms.Key(stack, 'Data'),
    logEncryptionKey: new kms.Key(stack, 'Logs'),
    clusterIdentifier: 'test-db',
    ...overrides,
  });
  return { stack, db };
}

describe('MultiAzDatabase', () => {
  let template: Template;
  let db: MultiAzDatabase;
  beforeAll(() => {
    const built = build();
    db = built.db;
    template = Template.fromStack(built.stack);
  });

  test('places a writer and two readers in three distinct zones', () => {
    const instances = template.findResources('AWS::RDS::DBInstance');
    const zones = Object.values(instances).map((r) => r.Properties.AvailabilityZone);
    expect(zones.sort()).toEqual(ZONES);
  });

  test('encrypts storage and Performance Insights with the customer managed key', () => {
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Data'), 'Arn'] },
      DeletionProtection: true,
      BackupRetentionPeriod: 35,
      CopyTagsToSnapshot: true,
      EnableIAMDatabaseAuthentication: true,
      EnableCloudwatchLogsExports: ['postgresql'],
      ManageMasterUserPassword: true,
      MasterUserSecret: { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Data'), 'Arn'] } },
    });
    template.allResourcesProperties('AWS::RDS::DBInstance', {
      PerformanceInsightsKMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Data'), 'Arn'] },
      PubliclyAccessible: false,
      MonitoringInterval: 60,
    });
  });

  test('snapshots on removal', () => {
    template.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
  });

  test('forces TLS and loads pgaudit in the cluster parameter group', () => {
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Parameters: Match.objectLike({
        'rds.force_ssl': '1',
        shared_preload_libraries: Match.stringLikeRegexp('pgaudit'),
        'pgaudit.log': 'read,write,ddl,role',
        log_connections: '1',
        log_disconnections: '1',
      }),
    });
  });

  test('exports the PostgreSQL log to a KMS-encrypted group kept two years and retained', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: '/aws/rds/cluster/test-db/postgresql',
        RetentionInDays: 731,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Logs'), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('security group admits nothing and sends nothing', () => {
    const sg = template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('^test-db') },
    });
    const [props] = Object.values(sg).map((r) => r.Properties);
    expect(props.SecurityGroupIngress).toBeUndefined();
    // CDK's placeholder rule for "no egress": a /32 that matches nothing.
    expect(props.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroupIngress'))).toEqual([]);
    expect(db.port).toBe(5433);
  });

  test('uses the isolated subnets', () => {
    const groups = template.findResources('AWS::RDS::DBSubnetGroup');
    const ids = Object.values(groups)[0].Properties.SubnetIds.map((s: { Ref: string }) => s.Ref);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/isolated/);
  });

  test('fails when fewer than two readers are asked for', () => {
    expect(() => build({ readers: 1 })).toThrow(/readers = 1: needs 2 to 15 readers/);
  });

  test('fails when two zones are given', () => {
    expect(() => build({ availabilityZones: ZONES.slice(0, 2) })).toThrow(/at least three distinct zones/);
  });

  test('fails when backup retention is below seven days', () => {
    expect(() => build({ backupRetentionDays: 3 })).toThrow(/backupRetentionDays = 3/);
  });

  test('fails when pgaudit does not log reads', () => {
    expect(() => build({ pgauditLog: 'ddl,write' })).toThrow(/does not log read/);
  });
});
