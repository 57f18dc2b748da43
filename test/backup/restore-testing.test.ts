import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { RestoreTesting } from '../../lib/backup/restore-testing';
import { RestoreTestNetwork } from '../../lib/backup/restore-test-network';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import type { RestoreTestingConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { referenceAssembly } from '../support/reference-assembly';
import { TEST_NOW } from '../support/reference-constants';

/** The reference platform's restore tests, as AWS Backup and EventBridge would read the templates. */
describe('restore testing (reference platform)', () => {
  let data: Template;
  let recovery: Template;
  beforeAll(() => {
    const stacks = referenceAssembly().stacks;
    data = Template.fromJSON(stacks.find((s) => s.stackName === 'ref-Data')!.template);
    recovery = Template.fromJSON(stacks.find((s) => s.stackName === 'ref-Recovery')!.template);
  });

  const only = <T>(t: Template, type: string): [string, T] => {
    const found = Object.entries(t.findResources(type));
    expect(found).toHaveLength(1);
    return [found[0][0], found[0][1].Properties as T];
  };

  test('runs weekly on the primary vault, restoring its newest continuous or snapshot recovery point', () => {
    const [, plan] = only<Record<string, unknown>>(data, 'AWS::Backup::RestoreTestingPlan');
    const [vault] = Object.keys(data.findResources('AWS::Backup::BackupVault'));
    expect(plan).toMatchObject({
      RestoreTestingPlanName: 'ref_restore_tests_primary',
      ScheduleExpression: 'cron(0 5 ? * SAT *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      StartWindowHours: 1,
      RecoveryPointSelection: {
        Algorithm: 'LATEST_WITHIN_WINDOW',
        IncludeVaults: [{ 'Fn::GetAtt': [vault, 'BackupVaultArn'] }],
        RecoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
        SelectionWindowDays: 2,
      },
    });
  });

  test('restores the cluster into the isolated subnets and a security group only the validation reaches', () => {
    const [cluster] = Object.keys(data.findResources('AWS::RDS::DBCluster'));
    expect(cluster).toBeDefined();
    const aurora = Object.values(data.findResources('AWS::Backup::RestoreTestingSelection')).find(
      (s) => s.Properties.ProtectedResourceType === 'Aurora',
    )!.Properties;
    expect(JSON.stringify(aurora.ProtectedResourceArns)).toContain(cluster);
    expect(aurora.ValidationWindowHours).toBe(4);
    const overrides = aurora.RestoreMetadataOverrides as Record<string, unknown>;
    expect(Object.keys(overrides).sort()).toEqual(['dbsubnetgroupname', 'kmskeyid', 'vpcsecuritygroupids']);
    // The subnet group lists the isolated subnets, which the VPC stack exports.
    const subnetGroupId = (overrides.dbsubnetgroupname as { Ref: string }).Ref;
    const subnetGroup = data.toJSON().Resources[subnetGroupId];
    expect(subnetGroup.Type).toBe('AWS::RDS::DBSubnetGroup');
    expect(JSON.stringify(subnetGroup.Properties.SubnetIds)).toMatch(/Isolated/);
    // The restored cluster's group: ingress from the validation function's group alone, on the database port.
    const groupId = JSON.stringify(overrides.vpcsecuritygroupids).match(/"Fn::GetAtt\\?":\[\\?"(\w+)\\?"/)?.[1];
    expect(groupId).toBeDefined();
    const ingress = Object.values(data.findResources('AWS::EC2::SecurityGroupIngress')).filter((r) =>
      JSON.stringify(r.Properties.GroupId).includes(groupId!),
    );
    expect(ingress).toHaveLength(1);
    const port = Object.values(data.findResources('AWS::RDS::DBCluster'))[0].Properties.Port as number;
    expect(ingress[0].Properties).toMatchObject({ IpProtocol: 'tcp', FromPort: port, ToPort: port });
    expect(JSON.stringify(ingress[0].Properties.SourceSecurityGroupId)).toMatch(/RestoreValidationSecurityGroup/);
  });

  test('restores the uploads into a new bucket under the customer managed key; the dumps are not restore-tested', () => {
    const s3 = Object.values(data.findResources('AWS::Backup::RestoreTestingSelection')).find(
      (s) => s.Properties.ProtectedResourceType === 'S3',
    )!.Properties;
    expect(JSON.stringify(s3.ProtectedResourceArns)).toMatch(/Uploads/);
    expect(JSON.stringify(s3.ProtectedResourceArns)).not.toMatch(/Dumps/);
    expect(s3.RestoreMetadataOverrides).toEqual({ encryptiontype: 'SSE-KMS', kmskey: expect.anything() });
  });

  test('the recovery region restore-tests the copies of the cluster and the uploads, named by their source ARNs', () => {
    const [, plan] = only<{ RecoveryPointSelection: Record<string, unknown> }>(
      recovery,
      'AWS::Backup::RestoreTestingPlan',
    );
    expect(plan.RecoveryPointSelection.RecoveryPointTypes).toEqual(['SNAPSHOT']);
    const selections = Object.values(recovery.findResources('AWS::Backup::RestoreTestingSelection')).map(
      (s) => s.Properties as Record<string, unknown>,
    );
    expect(selections.map((s) => [s.ProtectedResourceType, s.ProtectedResourceArns])).toEqual([
      ['Aurora', ['arn:aws:rds:eu-west-1:123456789012:cluster:ref-db']],
      ['S3', ['arn:aws:s3:::ref-uploads-123456789012-eu-west-1']],
    ]);
  });

  test("the cluster's copies restore into the recovery VPC's isolated subnets, a closed security group and the vault's key", () => {
    const aurora = Object.values(recovery.findResources('AWS::Backup::RestoreTestingSelection')).find(
      (s) => s.Properties.ProtectedResourceType === 'Aurora',
    )!.Properties;
    const overrides = aurora.RestoreMetadataOverrides as Record<string, unknown>;
    const resources = recovery.toJSON().Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const subnetGroup = resources[(overrides.dbsubnetgroupname as { Ref: string }).Ref];
    expect(subnetGroup.Type).toBe('AWS::RDS::DBSubnetGroup');
    // Its subnets: isolated, in three zones, in a VPC without internet or NAT gateway and without any route.
    const subnetIds = (subnetGroup.Properties.SubnetIds as { Ref: string }[]).map((r) => r.Ref);
    expect(subnetIds.map((id) => resources[id].Properties.AvailabilityZone).sort()).toEqual([
      'eu-central-1a',
      'eu-central-1b',
      'eu-central-1c',
    ]);
    for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::Route'])
      expect(recovery.findResources(type)).toEqual({});
    // The security group: no ingress at all, and only CDK's rule that matches no traffic as egress.
    const groupId = JSON.stringify(overrides.vpcsecuritygroupids).match(/"Fn::GetAtt\\?":\[\\?"(\w+)\\?"/)?.[1];
    const group = resources[groupId!];
    expect(group.Type).toBe('AWS::EC2::SecurityGroup');
    expect(group.Properties.SecurityGroupIngress).toBeUndefined();
    expect(recovery.findResources('AWS::EC2::SecurityGroupIngress')).toEqual({});
    expect(group.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
    // The key: the recovery vault's, which AWS Backup re-encrypts the copies with.
    const [vault] = Object.values(recovery.findResources('AWS::Backup::BackupVault'));
    expect(overrides.kmskeyid).toEqual(vault.Properties.EncryptionKeyArn);
    // Flow logs of all traffic to a log group under the recovery region's logs key.
    recovery.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
  });

  test('sends completed restore jobs of its own plan, and only those, to the validation function', () => {
    const [planId] = only(data, 'AWS::Backup::RestoreTestingPlan');
    const rules = Object.values(data.findResources('AWS::Events::Rule')).filter((r) =>
      JSON.stringify(r.Properties.EventPattern ?? {}).includes('Restore Job State Change'),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties.EventPattern).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Restore Job State Change'],
      detail: { status: ['COMPLETED'], restoreTestingPlanArn: [{ 'Fn::GetAtt': [planId, 'RestoreTestingPlanArn'] }] },
    });
    const [fnId] = Object.entries(data.findResources('AWS::Lambda::Function')).find(([, f]) =>
      JSON.stringify(f.Properties.Environment ?? {}).includes('LOGIN_SECRET_ARN'),
    )!;
    expect(rules[0].Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
  });

  test("the validation runs in the private subnets and logs in as the dump reader, never with the master's secret", () => {
    const fn = Object.values(data.findResources('AWS::Lambda::Function')).find((f) =>
      JSON.stringify(f.Properties.Environment ?? {}).includes('LOGIN_SECRET_ARN'),
    )!.Properties;
    expect(JSON.stringify(fn.VpcConfig.SubnetIds)).toMatch(/Private/);
    expect(fn.Timeout).toBe(900);
    const [dumpReaderSecret] = Object.entries(data.findResources('AWS::SecretsManager::Secret')).find(([, s]) =>
      JSON.stringify(s.Properties).includes('dump_reader'),
    )!;
    expect(fn.Environment.Variables.LOGIN_SECRET_ARN).toEqual({ Ref: dumpReaderSecret });
  });

  test('the restore role is scoped to restore-test resources and the platform keys, with no AWS managed policy', () => {
    const roles = Object.values(data.findResources('AWS::IAM::Role')).filter(
      (r) =>
        JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('backup.amazonaws.com') &&
        String(r.Properties.Description ?? '').includes('restore tests'),
    );
    expect(roles).toHaveLength(1);
    expect(roles[0].Properties.ManagedPolicyArns ?? []).not.toContainEqual(expect.stringMatching(/aws:policy/));
    const policy = Object.values(data.findResources('AWS::IAM::ManagedPolicy')).find((p) =>
      String(p.Properties.Description ?? '').startsWith('Restore tests'),
    )!;
    const text = JSON.stringify(policy.Properties.PolicyDocument);
    expect(text).toContain('cluster:awsbackup-restore-test-*');
    expect(text).toContain('awsbackup-restore-test-*/*');
    expect(text).not.toMatch(/"Resource":"arn:aws:s3:::\*"/);
  });
});

describe('restore testing settings', () => {
  const config = (restoreTesting: RestoreTestingConfig) =>
    referencePlatformConfig({ backup: { restoreTesting } }, TEST_NOW);

  test('can be turned off, and then nothing is restore-tested (DATA2-RestoresTested fails)', () => {
    const app = new App();
    const stage = new PlatformStage(app, 'off', { config: config({ enabled: false }), now: TEST_NOW, stockPacks: [] });
    expect(Template.fromStack(stage.data).findResources('AWS::Backup::RestoreTestingPlan')).toEqual({});
    expect(Template.fromStack(stage.recovery).findResources('AWS::Backup::RestoreTestingPlan')).toEqual({});
    // No validation function, so no alarm on its verdict metric either.
    const alarms = Template.fromStack(stage.monitoring).findResources('AWS::CloudWatch::Alarm');
    expect(Object.values(alarms).filter((a) => a.Properties.MetricName === 'RestoreValidationFailed')).toEqual([]);
  });

  test.each([
    [
      'a monthly schedule',
      { scheduleExpression: 'cron(0 5 1 * ? *)' },
      'backup.restoreTesting.scheduleExpression',
      /8 days verify accepts/,
    ],
    [
      'a rate expression',
      { scheduleExpression: 'rate(7 days)' },
      'backup.restoreTesting.scheduleExpression',
      /6-field AWS cron/,
    ],
    [
      'a window of 200 hours',
      { validationWindowHours: 200 },
      'backup.restoreTesting.validationWindowHours',
      /1 to 168/,
    ],
    ['a negative row count', { expectedTables: { orders: -1 } }, 'backup.restoreTesting.expectedTables', /orders: -1/],
  ])('fails on %s, naming the setting and the fix', (_what, settings, setting, text) => {
    expect(() => resolvePlatformConfig(config(settings), TEST_NOW)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(new RegExp(setting.replace(/\./g, '\\.'))) }),
    );
    expect(() => resolvePlatformConfig(config(settings), TEST_NOW)).toThrow(text);
  });

  test('the recovery network refuses fewer than two zones (a DB subnet group spans two)', () => {
    const stack = new Stack(new App(), 'N', { env: { account: '123456789012', region: 'eu-central-1' } });
    expect(
      () =>
        new RestoreTestNetwork(stack, 'Network', {
          availabilityZones: ['eu-central-1a', 'eu-central-1a'],
          logKey: new kms.Key(stack, 'Logs'),
        }),
    ).toThrow(expect.objectContaining({ code: 'RestoreTestNetwork.availabilityZones' }));
  });

  test('the construct refuses a plan that restores nothing, and a plan name AWS would refuse', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
    const base = { vaultArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:v', vaultKeyArn: 'k' };
    expect(() => new RestoreTesting(stack, 'Nothing', { ...base, planName: 'p' })).toThrow(/restores nothing/);
    expect(
      () =>
        new RestoreTesting(stack, 'BadName', {
          ...base,
          planName: 'prod-restore-tests',
          buckets: { bucketArns: ['arn:aws:s3:::b'], keyArn: 'k' },
        }),
    ).toThrow(/planName.*letters, digits or underscores/s);
  });
});
