import { masterSecretOnlyBootstrapAndDump as check } from '../../../../lib/compliance/checks/monitor-1/monitor1-master-secret-only-bootstrap-and-dump';
import { Change, edited, getAtt, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const MASTER_SECRET = getAtt('Cluster', 'MasterUserSecret.SecretArn');
const role = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } };
const readsSecret = (roleId: string, resource: unknown = MASTER_SECRET) => ({
  Type: 'AWS::IAM::Policy',
  Properties: {
    PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: resource }] },
    Roles: [ref(roleId)],
  },
});
const database = {
  Resources: {
    Cluster: {
      Type: 'AWS::RDS::DBCluster',
      Properties: { Engine: 'aurora-postgresql', ManageMasterUserPassword: true },
    },
    Schedule: {
      Type: 'AWS::Scheduler::Schedule',
      Properties: { Target: { EcsParameters: { TaskDefinitionArn: ref('DumpTask') } } },
    },
    DumpTask: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        ExecutionRoleArn: getAtt('DumpExecRole'),
        TaskRoleArn: getAtt('DumpTaskRole'),
        ContainerDefinitions: [{ Name: 'dump', Secrets: [{ Name: 'PGPASSWORD', ValueFrom: ref('DumpReaderSecret') }] }],
      },
    },
    DumpReaderSecret: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
    DumpExecRole: role,
    DumpTaskRole: role,
    DumpExecPolicy: readsSecret('DumpExecRole', ref('DumpReaderSecret')),
    BootstrapFn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Role: getAtt('BootstrapRole'), Environment: { Variables: { MASTER_SECRET_ARN: MASTER_SECRET } } },
    },
    BootstrapRole: role,
    BootstrapPolicy: readsSecret('BootstrapRole'),
    Bootstrap: {
      Type: 'Custom::DatabaseBootstrap',
      Properties: { ServiceToken: getAtt('BootstrapFn'), ClusterIdentifier: ref('Cluster') },
    },
    AppTask: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        TaskRoleArn: getAtt('AppRole'),
        ContainerDefinitions: [{ Name: 'app', Environment: [{ Name: 'PGUSER', Value: 'app' }] }],
      },
    },
    AppRole: role,
    AppPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'rds-db:connect', Resource: '*' }] },
        Roles: [ref('AppRole')],
      },
    },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Data': edited(database, change) }));

describe('MONITOR1-MasterSecretOnlyBootstrapAndDump', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([
      'pass Cluster: cluster Cluster: master secret handed only to function BootstrapFn (database bootstrap); readable only by roles BootstrapRole; no task definition receives it',
    ]);
  });

  test('Noncompliance 1: no PostgreSQL cluster', () => {
    expect(judged((r) => (r.Cluster.Properties.Engine = 'aurora-mysql'))).toEqual([
      'fail -: no PostgreSQL database cluster in the assembly, so no master secret to judge',
    ]);
  });

  test('Noncompliance 2: a service task definition receives the master secret (also as a literal ARN)', () => {
    const received =
      "fail AppTask: task definition AppTask receives the database master secret. Fix: log in as the application's own role with IAM authentication";
    expect(
      judged(
        (r) =>
          (r.AppTask.Properties.ContainerDefinitions[0].Secrets = [{ Name: 'PGPASSWORD', ValueFrom: MASTER_SECRET }]),
      ),
    ).toEqual([received]);
    const literal = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0a1b2c3d-AbCdEf';
    expect(
      judged(
        (r) => (r.AppTask.Properties.ContainerDefinitions[0].Secrets = [{ Name: 'PGPASSWORD', ValueFrom: literal }]),
      ),
    ).toEqual([received]);
  });

  test('Noncompliance 3: a function other than the bootstrap is handed the master secret', () => {
    expect(judged((r) => (r.Other = JSON.parse(JSON.stringify(r.BootstrapFn))))).toEqual([
      'fail Other: function Other is handed the database master secret',
    ]);
  });

  test('Noncompliance 4: another role may read the master secret (or every secret)', () => {
    expect(judged((r) => (r.AppReads = readsSecret('AppRole')))).toEqual([
      'fail AppReads: AppReads lets role AppRole read the database master secret (GetSecretValue)',
    ]);
    expect(judged((r) => (r.AppPolicy.Properties.PolicyDocument.Statement[0].Action = 'secretsmanager:*'))).toEqual([
      'fail AppPolicy: AppPolicy lets role AppRole read the database master secret (GetSecretValue)',
    ]);
    const inline = judged(
      (r) =>
        (r.AppRole.Properties.Policies = [{ PolicyDocument: readsSecret('AppRole', '*').Properties.PolicyDocument }]),
    );
    expect(inline).toEqual([
      'fail AppRole: AppRole lets role AppRole read the database master secret (GetSecretValue)',
    ]);
  });

  test('Noncompliance 5: nobody holds the master secret', () => {
    expect(judged((r) => delete r.BootstrapFn.Properties.Environment)).toEqual([
      'fail -: no database bootstrap holds the master secret, so nothing shows who does',
    ]);
  });

  test('Noncompliance 6: the scheduled dump is handed the master secret, and its execution role reads it (before issue 22)', () => {
    expect(
      judged((r) => {
        r.DumpTask.Properties.ContainerDefinitions[0].Secrets[0].ValueFrom = MASTER_SECRET;
        r.DumpExecPolicy = readsSecret('DumpExecRole');
      }),
    ).toEqual([
      "fail DumpTask: task definition DumpTask (scheduled dump) receives the database master secret. Fix: hand it the dump reader's secret (DatabaseBootstrap.dumpReaderSecret)",
      'fail DumpExecPolicy: DumpExecPolicy lets role DumpExecRole read the database master secret (GetSecretValue)',
    ]);
  });
});
