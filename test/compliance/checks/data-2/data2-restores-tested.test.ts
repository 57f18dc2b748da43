import { restoresTested as check } from '../../../../lib/compliance/checks/data-2/data2-restores-tested';
import {
  Change,
  classified,
  edited,
  getAtt,
  inRegion,
  modelOf,
  onPlatform,
  outcomes,
  RECOVERY,
  ref,
} from '../../../support/check-fixtures';

/** Isolated subnets (no route out) in two zones, their route tables, and a subnet group of them, named `<prefix>...`. */
const isolatedNetwork = (prefix: string) => ({
  [`${prefix}Vpc`]: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
  ...Object.fromEntries(
    ['A', 'B'].flatMap((zone) => [
      [`${prefix}Subnet${zone}`, { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref(`${prefix}Vpc`) } }],
      [`${prefix}Table${zone}`, { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(`${prefix}Vpc`) } }],
      [
        `${prefix}Association${zone}`,
        {
          Type: 'AWS::EC2::SubnetRouteTableAssociation',
          Properties: { SubnetId: ref(`${prefix}Subnet${zone}`), RouteTableId: ref(`${prefix}Table${zone}`) },
        },
      ],
    ]),
  ),
  [`${prefix}Subnets`]: {
    Type: 'AWS::RDS::DBSubnetGroup',
    Properties: { SubnetIds: [ref(`${prefix}SubnetA`), ref(`${prefix}SubnetB`)] },
  },
  [`${prefix}RestoredSg`]: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: ref(`${prefix}Vpc`) } },
});
/** The overrides a selection places its restored clusters with, as CDK writes them (a JSON list joined around ids). */
const placement = (prefix: string) => ({
  dbsubnetgroupname: ref(`${prefix}Subnets`),
  vpcsecuritygroupids: { 'Fn::Join': ['', ['["', getAtt(`${prefix}RestoredSg`, 'GroupId'), '"]']] },
  kmskeyid: 'arn:aws:kms:eu-west-1:123456789012:key/k',
});

const data = onPlatform({
  Resources: {
    Cluster: {
      Type: 'AWS::RDS::DBCluster',
      Properties: { Engine: 'aurora-postgresql', DBClusterIdentifier: 'prod-db' },
    },
    Uploads: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'prod-uploads', Tags: classified('customer-data') } },
    Dumps: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'prod-dumps', Tags: classified('database-dump') } },
    ...isolatedNetwork(''),
    ValidationSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: ref('Vpc') } },
    ValidationToRestored: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: getAtt('RestoredSg', 'GroupId'),
        SourceSecurityGroupId: getAtt('ValidationSg', 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
      },
    },
    Plan: {
      Type: 'AWS::Backup::RestoreTestingPlan',
      Properties: { RestoreTestingPlanName: 'prod_restore_tests_primary', ScheduleExpression: 'cron(0 5 ? * SAT *)' },
    },
    DatabaseSelection: {
      Type: 'AWS::Backup::RestoreTestingSelection',
      Properties: {
        RestoreTestingPlanName: 'prod_restore_tests_primary',
        ProtectedResourceType: 'Aurora',
        ProtectedResourceArns: [getAtt('Cluster', 'DBClusterArn')],
        RestoreMetadataOverrides: placement(''),
      },
    },
    BucketSelection: {
      Type: 'AWS::Backup::RestoreTestingSelection',
      Properties: {
        RestoreTestingPlanName: 'prod_restore_tests_primary',
        ProtectedResourceType: 'S3',
        ProtectedResourceArns: [getAtt('Uploads')],
      },
    },
    Validation: { Type: 'AWS::Lambda::Function', Properties: {} },
    Completed: {
      Type: 'AWS::Events::Rule',
      Properties: {
        State: 'ENABLED',
        EventPattern: {
          source: ['aws.backup'],
          'detail-type': ['Restore Job State Change'],
          detail: { status: ['COMPLETED'], restoreTestingPlanArn: [getAtt('Plan', 'RestoreTestingPlanArn')] },
        },
        Targets: [{ Arn: getAtt('Validation'), Id: 'Target0' }],
      },
    },
  },
});
/** The recovery region: the copy vault, its plan, and selections naming the stores by their ARNs (copies keep them). */
const recovery = onPlatform({
  Resources: {
    RecoveryVault: {
      Type: 'AWS::Backup::BackupVault',
      Properties: { BackupVaultName: 'prod-recovery-vault' },
      Metadata: { 'PocketCity::Roles': ['recovery-vault'] },
    },
    ...isolatedNetwork('Recovery'),
    RecoveryPlan: {
      Type: 'AWS::Backup::RestoreTestingPlan',
      Properties: {
        RestoreTestingPlanName: 'prod_restore_tests_recovery',
        ScheduleExpression: 'cron(0 5 ? * SAT *)',
        RecoveryPointSelection: { IncludeVaults: [getAtt('RecoveryVault', 'BackupVaultArn')] },
      },
    },
    RecoveryDatabaseSelection: {
      Type: 'AWS::Backup::RestoreTestingSelection',
      Properties: {
        RestoreTestingPlanName: 'prod_restore_tests_recovery',
        ProtectedResourceType: 'Aurora',
        ProtectedResourceArns: ['arn:aws:rds:eu-west-1:123456789012:cluster:prod-db'],
        RestoreMetadataOverrides: placement('Recovery'),
      },
    },
    RecoveryBucketSelection: {
      Type: 'AWS::Backup::RestoreTestingSelection',
      Properties: {
        RestoreTestingPlanName: 'prod_restore_tests_recovery',
        ProtectedResourceType: 'S3',
        ProtectedResourceArns: ['arn:aws:s3:::prod-uploads'],
      },
    },
  },
});
const assembly = (d = data, r = recovery) => modelOf({ 'prod-Data': d, 'prod-Recovery': inRegion(RECOVERY, r) });
const judged = (change: Change) => outcomes(check, assembly(edited(data, change)));
const judgedRecovery = (change: Change) => outcomes(check, assembly(data, edited(recovery, change)));
const PASS = [
  'pass Cluster: cluster Cluster: restore-tested by prod-Data/Plan, prod-Recovery/RecoveryPlan, validated',
  'pass Uploads: bucket prod-uploads: restore-tested by prod-Data/Plan, prod-Recovery/RecoveryPlan, validated',
];

describe('DATA2-RestoresTested', () => {
  test('Compliance', () => {
    expect(outcomes(check, assembly())).toEqual(PASS);
  });

  test('Compliance: stores named by their literal ARNs in their own region too', () => {
    expect(
      judged((r) => {
        r.BucketSelection.Properties.ProtectedResourceArns = ['arn:aws:s3:::prod-uploads'];
        r.DatabaseSelection.Properties.ProtectedResourceArns = ['arn:aws:rds:eu-west-1:123456789012:cluster:prod-db'];
      }),
    ).toEqual(PASS);
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Data': { Resources: data.Resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: a store in no restore testing selection', () => {
    const neither = assembly(
      edited(data, (r) => delete r.BucketSelection),
      edited(recovery, (r) => delete r.RecoveryBucketSelection),
    );
    expect(outcomes(check, neither)).toEqual([
      PASS[0],
      'fail Uploads: bucket prod-uploads: in no restore testing selection',
    ]);
  });

  test('Noncompliance 3: the plan runs monthly', () => {
    expect(judged((r) => (r.Plan.Properties.ScheduleExpression = 'cron(0 5 1 * ? *)'))).toEqual([
      "fail Cluster: cluster Cluster: plan Plan runs 'cron(0 5 1 * ? *)', not at least weekly",
      "fail Uploads: bucket prod-uploads: plan Plan runs 'cron(0 5 1 * ? *)', not at least weekly",
    ]);
  });

  test('Noncompliance 4: the Aurora restore is left to the default VPC', () => {
    expect(judged((r) => delete r.DatabaseSelection.Properties.RestoreMetadataOverrides)).toEqual([
      'fail Cluster: cluster Cluster: selection DatabaseSelection leaves dbsubnetgroupname, vpcsecuritygroupids to AWS (default VPC)',
      PASS[1],
    ]);
  });

  test('Noncompliance 5: no validation of completed restores', () => {
    const missing = 'no plan of its own region sends completed restores to a validation function';
    expect(judged((r) => (r.Completed.Properties.State = 'DISABLED'))).toEqual([
      `fail Cluster: cluster Cluster: ${missing}`,
      `fail Uploads: bucket prod-uploads: ${missing}`,
    ]);
    expect(judged((r) => (r.Completed.Properties.EventPattern.detail.status = ['FAILED']))).toEqual([
      `fail Cluster: cluster Cluster: ${missing}`,
      `fail Uploads: bucket prod-uploads: ${missing}`,
    ]);
  });

  test('Noncompliance 6: the selection names a plan that does not exist', () => {
    expect(judged((r) => (r.DatabaseSelection.Properties.RestoreTestingPlanName = 'other'))).toEqual([
      'fail Cluster: cluster Cluster: selection DatabaseSelection names no plan of its stack; no plan of its own region sends completed restores to a validation function',
      PASS[1],
    ]);
  });
  test('Noncompliance 7: the recovery region does not restore-test the copies (selection missing, or its plan on another vault)', () => {
    const notThere = 'fail Cluster: cluster Cluster: no plan on the recovery vault restores its copies';
    expect(judgedRecovery((r) => delete r.RecoveryDatabaseSelection)).toEqual([notThere, PASS[1]]);
    expect(
      judgedRecovery(
        (r) =>
          (r.RecoveryPlan.Properties.RecoveryPointSelection.IncludeVaults = [
            'arn:aws:backup:eu-central-1:123456789012:backup-vault:other',
          ]),
      ),
    ).toEqual([notThere, 'fail Uploads: bucket prod-uploads: no plan on the recovery vault restores its copies']);
  });

  test('Noncompliance 8: an override of the recovery selection missing', () => {
    expect(
      judgedRecovery((r) => delete r.RecoveryDatabaseSelection.Properties.RestoreMetadataOverrides.dbsubnetgroupname),
    ).toEqual([
      'fail Cluster: cluster Cluster: selection RecoveryDatabaseSelection leaves dbsubnetgroupname to AWS (default VPC)',
      PASS[1],
    ]);
  });

  test('Noncompliance 9: the subnet group override points at another subnet group (with a route out, or none of the platform)', () => {
    const routedOut = judgedRecovery((r) => {
      r.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
      r.RouteOut = {
        Type: 'AWS::EC2::Route',
        Properties: { RouteTableId: ref('RecoveryTableB'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') },
      };
      r.PublicSubnets = {
        Type: 'AWS::RDS::DBSubnetGroup',
        Properties: { SubnetIds: [ref('RecoverySubnetA'), ref('RecoverySubnetB')] },
      };
      r.RecoveryDatabaseSelection.Properties.RestoreMetadataOverrides.dbsubnetgroupname = ref('PublicSubnets');
    });
    expect(routedOut).toEqual([
      'fail Cluster: cluster Cluster: subnet group PublicSubnets: subnet RecoverySubnetB routes to an internet or NAT gateway',
      PASS[1],
    ]);
    expect(
      judgedRecovery(
        (r) => (r.RecoveryDatabaseSelection.Properties.RestoreMetadataOverrides.dbsubnetgroupname = 'default'),
      ),
    ).toEqual([
      'fail Cluster: cluster Cluster: selection RecoveryDatabaseSelection: dbsubnetgroupname names no subnet group of the platform in its region',
      PASS[1],
    ]);
  });

  test("Noncompliance 10: the restored cluster's security group admits 0.0.0.0/0, or is not the platform's", () => {
    expect(
      judgedRecovery(
        (r) =>
          (r.RecoveryRestoredSg.Properties.SecurityGroupIngress = [
            { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '0.0.0.0/0' },
          ]),
      ),
    ).toEqual(['fail Cluster: cluster Cluster: security group RecoveryRestoredSg admits 0.0.0.0/0', PASS[1]]);
    expect(
      judged(
        (r) =>
          (r.Open = {
            Type: 'AWS::EC2::SecurityGroupIngress',
            Properties: { GroupId: getAtt('RestoredSg', 'GroupId'), IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
          }),
      ),
    ).toEqual(['fail Cluster: cluster Cluster: security group RestoredSg admits 0.0.0.0/0', PASS[1]]);
    expect(
      judgedRecovery(
        (r) => (r.RecoveryDatabaseSelection.Properties.RestoreMetadataOverrides.vpcsecuritygroupids = '["sg-0123"]'),
      ),
    ).toEqual([
      'fail Cluster: cluster Cluster: selection RecoveryDatabaseSelection: vpcsecuritygroupids names security groups the platform does not declare',
      PASS[1],
    ]);
  });
});
