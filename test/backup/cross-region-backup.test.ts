import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CrossRegionBackup, CrossRegionBackupProps } from '../../lib/backup/cross-region-backup';

const RECOVERY_VAULT = 'arn:aws:backup:eu-central-1:123456789012:backup-vault:test-recovery-vault';

function build(overrides: Partial<CrossRegionBackupProps> = {}) {
  const stack = new Stack(new App(), 'Data', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const cluster = new rds.DatabaseCluster(stack, 'Cluster', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_4 }),
    writer: rds.ClusterInstance.provisioned('Writer'),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  const bucket = new s3.Bucket(stack, 'Uploads', { versioned: true });
  const backup = new CrossRegionBackup(stack, 'Backup', {
    vaultName: 'test-primary-vault',
    vaultKey: new kms.Key(stack, 'BackupKey'),
    resourceKeys: [new kms.Key(stack, 'DataKey')],
    recoveryVaultArn: RECOVERY_VAULT,
    roleName: 'test-backup',
    clusters: [cluster],
    buckets: [bucket],
    ...overrides,
  });
  return { stack, backup };
}

describe('CrossRegionBackup', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(build().stack);
  });

  test('runs a daily rule at the configured hour with continuous backup and a copy to the recovery vault', () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            ScheduleExpression: 'cron(0 3 * * ? *)',
            EnableContinuousBackup: true,
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: RECOVERY_VAULT, Lifecycle: { DeleteAfterDays: 35 } }],
          }),
        ],
      },
    });
  });

  test('selects the cluster and the bucket by resource, with a role carrying no AWS managed policy', () => {
    const selection = Object.values(template.findResources('AWS::Backup::BackupSelection'))[0];
    const resources = JSON.stringify(selection.Properties.BackupSelection.Resources);
    expect(resources).toMatch(/Cluster/);
    expect(resources).toMatch(/Uploads/);
    const roles = template.findResources('AWS::IAM::Role', { Properties: { RoleName: 'test-backup' } });
    expect(Object.values(roles)[0].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('encrypts the vault with the backup key, retains it, locks it in governance mode', () => {
    template.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        BackupVaultName: 'test-primary-vault',
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupKey'), 'Arn'] },
        LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 70 },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('locks in compliance mode with a 72-hour grace only when asked, for the plan retention', () => {
    const t = Template.fromStack(build({ lockMode: 'compliance' }).stack);
    t.hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 70, ChangeableForDays: 3 },
    });
  });

  test('keeps continuous points 35 days but copies for the full retention when it is longer', () => {
    const t = Template.fromStack(build({ retentionDays: 90 }).stack);
    t.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 90 } })],
          }),
        ],
      },
    });
  });

  test('fails when the recovery vault is in the same region', () => {
    expect(() => build({ recoveryVaultArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:x' })).toThrow(
      /is in this region \(eu-west-1\); copies must leave the region/,
    );
  });

  test('fails when nothing is selected', () => {
    expect(() => build({ clusters: [], buckets: [] })).toThrow(
      /both empty: a plan that selects nothing proves nothing/,
    );
  });

  test('fails when retention is below seven days', () => {
    expect(() => build({ retentionDays: 3 })).toThrow(
      /\[CrossRegionBackup\.retentionDays\] .*retentionDays = 3: is below 7 days/,
    );
  });
});
