import { pgauditExported as check } from '../../../../lib/compliance/checks/monitor-1/monitor1-pgaudit-exported';
import { Change, edited, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const database = {
  Resources: {
    Params: {
      Type: 'AWS::RDS::DBClusterParameterGroup',
      Properties: {
        Parameters: { shared_preload_libraries: 'pg_stat_statements, pgaudit', 'pgaudit.log': 'read,write,ddl' },
      },
    },
    Cluster: {
      Type: 'AWS::RDS::DBCluster',
      Properties: {
        Engine: 'aurora-postgresql',
        EnableCloudwatchLogsExports: ['postgresql'],
        DBClusterParameterGroupName: ref('Params'),
      },
    },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Data': edited(database, change) }));
const parameters = (r: Parameters<Change>[0]) => r.Params.Properties.Parameters;
const failing = (problem: string) => [`fail Cluster: cluster Cluster: ${problem}`];

describe('MONITOR1-PgauditExported', () => {
  test('Compliance', () => {
    const passing = [
      'pass Cluster: cluster Cluster: pgaudit loaded, pgaudit.log covers read and write, postgresql log exported',
    ];
    expect(outcomes(check, modelOf({ 'prod-Data': database }))).toEqual(passing);
    // A group named by a literal is found by its name anywhere in the assembly; 'all' covers read and write.
    const named = edited(database, (r) => {
      r.Cluster.Properties.DBClusterParameterGroupName = 'prod-audit';
      delete r.Params;
    });
    const group = edited(database, (r) => {
      delete r.Cluster;
      r.Params.Properties.DBClusterParameterGroupName = 'prod-audit';
      r.Params.Properties.Parameters['pgaudit.log'] = 'all';
    });
    expect(outcomes(check, modelOf({ 'prod-Data': named, 'prod-Params': group }))).toEqual(passing);
  });

  test('Noncompliance 1: no PostgreSQL cluster', () => {
    expect(judged((r) => (r.Cluster.Properties.Engine = 'aurora-mysql'))).toEqual([
      'fail -: no PostgreSQL database cluster in the assembly, so no database audit log to judge',
    ]);
  });

  test('Noncompliance 2: the postgresql log not exported', () => {
    expect(judged((r) => (r.Cluster.Properties.EnableCloudwatchLogsExports = []))).toEqual(
      failing('postgresql log not exported to CloudWatch Logs (EnableCloudwatchLogsExports)'),
    );
  });

  test('Noncompliance 3: no cluster parameter group of the assembly', () => {
    expect(judged((r) => (r.Cluster.Properties.DBClusterParameterGroupName = 'default.aurora-postgresql16'))).toEqual(
      failing('no cluster parameter group of the assembly is attached (DBClusterParameterGroupName)'),
    );
  });

  test('Noncompliance 4: pgaudit not loaded', () => {
    expect(judged((r) => (parameters(r).shared_preload_libraries = 'pg_stat_statements'))).toEqual(
      failing('Params: shared_preload_libraries does not load pgaudit'),
    );
  });

  test('Noncompliance 5: pgaudit.log leaves out reads', () => {
    expect(judged((r) => (parameters(r)['pgaudit.log'] = 'all,-read'))).toEqual(
      failing("Params: pgaudit.log 'all,-read' does not cover read and write"),
    );
    expect(judged((r) => (parameters(r)['pgaudit.log'] = 'write,ddl'))).toEqual(
      failing("Params: pgaudit.log 'write,ddl' does not cover read and write"),
    );
  });
});
