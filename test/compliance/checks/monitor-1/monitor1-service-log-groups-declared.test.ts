import { serviceLogGroupsDeclared as check } from '../../../../lib/compliance/checks/monitor-1/monitor1-service-log-groups-declared';
import type { RawJson } from '../../../support/claims-support';
import { Change, edited, getAtt, modelOf, ref, resource, verdicts } from '../../../support/check-fixtures';
import { referenceAssembly } from '../../../support/reference-assembly';

const declared = (name?: unknown) =>
  resource('AWS::Logs::LogGroup', {
    ...(name === undefined ? {} : { LogGroupName: name }),
    RetentionInDays: 365,
    KmsKeyId: getAtt('LogKey'),
  });
const joined = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });

/** One writer of each kind, each with its log group declared under the name AWS would give it. */
const platform = {
  Resources: {
    // A function pointed at a declared group (generated name) by LoggingConfig.
    Bootstrap: resource('AWS::Lambda::Function', { LoggingConfig: { LogGroup: ref('BootstrapLogs') } }),
    BootstrapLogs: declared(),
    // A named function logging to Lambda's default group, declared by that name.
    Named: resource('AWS::Lambda::Function', { FunctionName: 'named-fn' }),
    NamedLogs: declared('/aws/lambda/named-fn'),
    // A cluster with a generated name: the group's name refers to it.
    Cluster: resource('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }] }),
    InsightsLogs: declared(joined('/aws/ecs/containerinsights/', ref('Cluster'), '/performance')),
    // A cluster without Container Insights makes no group.
    Quiet: resource('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'disabled' }] }),
    Database: resource('AWS::RDS::DBCluster', {
      DBClusterIdentifier: 'prod-db',
      EnableCloudwatchLogsExports: ['postgresql'],
    }),
    DatabaseLogs: declared('/aws/rds/cluster/prod-db/postgresql'),
    // An Aurora instance's logs are its cluster's.
    Writer: resource('AWS::RDS::DBInstance', { DBClusterIdentifier: ref('Database'), MonitoringInterval: 60 }),
    FlowLog: resource('AWS::EC2::FlowLog', { LogDestinationType: 'cloud-watch-logs', LogGroupName: ref('FlowLogs') }),
    FlowLogs: declared(),
  },
};

type Resources = Record<string, RawJson>;
const judged = (change: Change) =>
  verdicts(check, modelOf({ 'prod-Data': edited(platform, change) })).filter((v) => !v.endsWith(': compliant'));

describe('MONITOR1-ServiceLogGroupsDeclared', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': platform }))).toEqual(
      ['Bootstrap', 'Named', 'Cluster', 'Database', 'FlowLog'].map((id) => `${id}: compliant`),
    );
  });

  test('Compliance: the reference platform declares every group AWS would create (functions, Container Insights, exported logs, flow logs)', () => {
    const results = check.run(referenceAssembly());
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.resource?.logicalId}: ${r.detail}`)).toEqual([]);
    // Both clusters, the database, the flow log, the bootstrap function and the VPC's custom resource function.
    expect(results.map((r) => r.resource?.logicalId).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AppCluster/),
        expect.stringMatching(/^DumpTaskCluster/),
        expect.stringMatching(/^DatabaseCluster/),
        expect.stringMatching(/FlowLog/),
        expect.stringMatching(/^DatabaseBootstrapFunction/),
        expect.stringMatching(/^CustomVpcRestrictDefaultSGCustomResourceProviderHandler/),
      ]),
    );
  });

  test.each<[number, string, Change, string[]]>([
    [
      1,
      "a function without LoggingConfig (Lambda creates /aws/lambda/<generated name> itself, CDK's provider functions among them)",
      (r: Resources) => delete r.Bootstrap.Properties.LoggingConfig,
      ['Bootstrap: LogGroupNotDeclared'],
    ],
    [
      2,
      'a cluster whose Container Insights group is not declared',
      (r: Resources) => delete r.InsightsLogs,
      ['Cluster: LogGroupNotDeclared'],
    ],
    [
      3,
      'a Container Insights group declared for another cluster',
      (r: Resources) => {
        r.InsightsLogs.Properties.LogGroupName = joined('/aws/ecs/containerinsights/', ref('Quiet'), '/performance');
      },
      ['Cluster: LogGroupNotDeclared'],
    ],
    [
      4,
      'a database exporting a log whose group is not declared',
      (r: Resources) => {
        r.Database.Properties.EnableCloudwatchLogsExports = ['postgresql', 'upgrade'];
      },
      ['Database: LogGroupNotDeclared'],
    ],
    [
      5,
      'a declared group without retention',
      (r: Resources) => delete r.DatabaseLogs.Properties.RetentionInDays,
      ['Database: LogGroupWithoutRetention'],
    ],
    [
      6,
      'a declared group without a customer managed key',
      (r: Resources) => delete r.NamedLogs.Properties.KmsKeyId,
      ['Named: LogGroupWithoutKmsKey'],
    ],
    [
      7,
      'a cluster whose name the templates cannot fix (fails closed)',
      (r: Resources) => {
        r.Database.Properties.DBClusterIdentifier = { 'Fn::ImportValue': 'DbName' };
      },
      ['Database: LogGroupNameNotResolvable'],
    ],
    [
      8,
      'a flow log into a group outside the assembly',
      (r: Resources) => {
        r.FlowLog.Properties.LogGroupName = 'somewhere';
      },
      ['FlowLog: LogGroupNotDeclared'],
    ],
    [
      9,
      'a standalone database instance exporting its log without a declared group',
      (r: Resources) => {
        r.Legacy = resource('AWS::RDS::DBInstance', {
          DBInstanceIdentifier: 'legacy',
          EnableCloudwatchLogsExports: ['postgresql'],
        });
      },
      ['Legacy: LogGroupNotDeclared'],
    ],
  ])('Noncompliance %i: %s', (_n, _why, change, expected) => {
    expect(judged(change)).toEqual(expected);
  });

  test('Noncompliance 10: a group of the same name in another region does not count', () => {
    const data = edited(platform, (r) => delete r.DatabaseLogs);
    const elsewhere = { Resources: { DatabaseLogs: declared('/aws/rds/cluster/prod-db/postgresql') } };
    expect(
      verdicts(check, modelOf({ 'prod-Data': data, 'prod-Recovery': { template: elsewhere, region: 'eu-central-1' } })),
    ).toContain('Database: LogGroupNotDeclared');
  });
});
