import { databaseBootstrapBeforeService as check } from '../../../../lib/compliance/checks/monitor-1/monitor1-database-bootstrap-before-service';
import { Change, edited, getAtt, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const DIGEST = 'a'.repeat(64);
const database = {
  Resources: {
    Cluster: {
      Type: 'AWS::RDS::DBCluster',
      Properties: {
        Engine: 'aurora-postgresql',
        MasterUsername: 'postgres',
        VpcSecurityGroupIds: [getAtt('DatabaseSg', 'GroupId')],
      },
    },
    Writer: { Type: 'AWS::RDS::DBInstance', Properties: { DBClusterIdentifier: ref('Cluster') } },
    Reader: { Type: 'AWS::RDS::DBInstance', Properties: { DBClusterIdentifier: ref('Cluster') } },
    Bootstrap: {
      Type: 'Custom::DatabaseBootstrap',
      Properties: {
        ServiceToken: getAtt('BootstrapFn'),
        ClusterIdentifier: ref('Cluster'),
        SqlDigest: DIGEST,
        ApplicationRole: 'app',
        ApplicationSchema: 'app',
        ApplicationAuditClasses: 'ddl,role',
        PeopleRole: 'people',
        PeopleAuditClasses: 'read, write, ddl, role',
        People: ['alice'],
      },
      DependsOn: ['Cluster', 'Writer', 'Reader'],
    },
    DatabaseSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'database' } },
    ServiceSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'service' } },
    FromService: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: getAtt('DatabaseSg', 'GroupId'),
        SourceSecurityGroupId: getAtt('ServiceSg', 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
      },
    },
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: { ContainerDefinitions: [{ Name: 'app', Environment: [{ Name: 'PGUSER', Value: 'app' }] }] },
    },
    Service: {
      Type: 'AWS::ECS::Service',
      Properties: {
        TaskDefinition: ref('Task'),
        NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [getAtt('ServiceSg', 'GroupId')] } },
      },
      DependsOn: ['Bootstrap'],
    },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Data': edited(database, change) }));
const bootstrap = (r: Parameters<Change>[0]) => r.Bootstrap.Properties;
const PASSES = [
  `pass Bootstrap: cluster Cluster: bootstrap Bootstrap (SQL sha256 ${DIGEST}) declares application role app on schema app auditing ddl,role, people role people auditing read, write, ddl, role (people: alice); runs after the cluster and its 2 instances; ordered before Service`,
];
const failing = (problem: string) => [`fail Bootstrap: cluster Cluster: ${problem}`];

describe('MONITOR1-DatabaseBootstrapBeforeService', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual(PASSES);
    // Ordered by reading from the bootstrap instead of DependsOn (the task definition reads an attribute of it).
    expect(
      judged((r) => {
        delete r.Service.DependsOn;
        r.Task.Properties.ContainerDefinitions[0].Environment.push({
          Name: 'ROLE',
          Value: getAtt('Bootstrap', 'Role'),
        });
      }),
    ).toEqual(PASSES);
    // Through the group's own ingress list, ingress rule left out; no people yet.
    expect(
      judged((r) => {
        delete r.FromService;
        r.DatabaseSg.Properties.SecurityGroupIngress = [{ SourceSecurityGroupId: getAtt('ServiceSg', 'GroupId') }];
        bootstrap(r).People = [];
      })[0],
    ).toContain('(people: none yet)');
    // No service reaches the cluster.
    expect(judged((r) => delete r.FromService)[0]).toMatch(/ordered before no service \(none reaches the cluster\)$/);
  });

  test('Noncompliance 1: no PostgreSQL cluster', () => {
    expect(judged((r) => (r.Cluster.Properties.Engine = 'aurora-mysql'))).toEqual([
      'fail -: no PostgreSQL database cluster in the assembly, so no bootstrap to judge',
    ]);
  });

  test('Noncompliance 2: no bootstrap, or two, name the cluster', () => {
    const fix =
      'names it (ClusterIdentifier), so its roles and pgaudit settings are left to a person. Fix: add a DatabaseBootstrap';
    expect(judged((r) => (bootstrap(r).ClusterIdentifier = 'other'))).toEqual([
      `fail Cluster: cluster Cluster: no Custom::DatabaseBootstrap ${fix}`,
    ]);
    expect(judged((r) => (r.Second = JSON.parse(JSON.stringify(r.Bootstrap))))).toEqual([
      `fail Cluster: cluster Cluster: 2 Custom::DatabaseBootstrap ${fix}`,
    ]);
  });

  test('Noncompliance 3: no SHA-256 of the SQL', () => {
    expect(judged((r) => (bootstrap(r).SqlDigest = 'abc'))).toEqual(
      failing('the bootstrap carries no SHA-256 of its SQL (SqlDigest), so a changed SQL file would not rerun it'),
    );
  });

  test('Noncompliance 4: people not audited for reads', () => {
    expect(judged((r) => (bootstrap(r).PeopleAuditClasses = 'write,ddl'))).toEqual(
      failing('people are not audited for read, role'),
    );
  });

  test('Noncompliance 5: the application role not audited for role changes', () => {
    expect(judged((r) => (bootstrap(r).ApplicationAuditClasses = 'ddl'))).toEqual(
      failing('the application role is not audited for role'),
    );
  });

  test('Noncompliance 6: the application role is the master user', () => {
    expect(judged((r) => (bootstrap(r).ApplicationRole = 'postgres'))).toEqual(
      failing("the application role 'postgres' is not a role of its own (the master user is 'postgres')"),
    );
  });

  test('Noncompliance 7: the bootstrap may run before an instance exists', () => {
    expect(judged((r) => (r.Bootstrap.DependsOn = ['Cluster']))).toEqual(
      failing('the bootstrap may run before Writer, Reader exist (DependsOn)'),
    );
  });

  test('Noncompliance 8: a service reaching the cluster not ordered after the bootstrap', () => {
    expect(judged((r) => delete r.Service.DependsOn)).toEqual(
      failing(
        'service(s) prod-Data/Service reach the cluster but are not ordered after the bootstrap (no DependsOn on it, nothing read from it)',
      ),
    );
  });
});
