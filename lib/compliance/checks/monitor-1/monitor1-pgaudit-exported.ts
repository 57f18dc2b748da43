import { Check, CheckResult, fail, pass } from '../check';
import type { PlatformAssembly } from '../../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { postgresClusters } from '../private/database-values';
import type { DBClusterParameterGroupProps, DBClusterProps } from '../../template/cfn/rds';

/**
 * MONITOR-1: every PostgreSQL database cluster loads pgaudit, logs reads and writes with it, and exports its
 * postgresql log to CloudWatch Logs, so who read or changed which table is on record outside the database.
 */
export const pgauditExported: Check = {
  id: 'MONITOR1-PgauditExported',
  claims: ['MONITOR-1'],
  description:
    'every PostgreSQL cluster has a parameter group loading pgaudit with pgaudit.log covering read and write, and exports its postgresql log to CloudWatch Logs',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const model = assemblyModel(assembly);
    const clusters = postgresClusters(model);
    if (clusters.length === 0)
      return [fail('no PostgreSQL database cluster in the assembly, so no database audit log to judge')];
    return clusters.map((cluster) => judgeCluster(model, cluster));
  },
};

function judgeCluster(model: StageModel, cluster: ModelResource<DBClusterProps>): CheckResult {
  const problems: string[] = [];
  const exports = asArray(cluster.props.EnableCloudwatchLogsExports);
  if (!exports.includes('postgresql'))
    problems.push('postgresql log not exported to CloudWatch Logs (EnableCloudwatchLogsExports)');
  const group = parameterGroupOf(model, cluster);
  if (!group) {
    problems.push('no cluster parameter group of the assembly is attached (DBClusterParameterGroupName)');
  } else {
    const parameters = group.props.Parameters ?? {};
    const libraries = String(parameters.shared_preload_libraries ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase());
    if (!libraries.includes('pgaudit'))
      problems.push(`${group.logicalId}: shared_preload_libraries does not load pgaudit`);
    const classes = String(parameters['pgaudit.log'] ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase());
    const covers = (c: string) => (classes.includes(c) || classes.includes('all')) && !classes.includes(`-${c}`);
    if (!covers('read') || !covers('write')) {
      problems.push(
        `${group.logicalId}: pgaudit.log '${String(parameters['pgaudit.log'] ?? '')}' does not cover read and write`,
      );
    }
  }
  return problems.length
    ? fail(`cluster ${cluster.logicalId}: ${problems.join('; ')}`, cluster.ref)
    : pass(
        `cluster ${cluster.logicalId}: pgaudit loaded, pgaudit.log covers read and write, postgresql log exported`,
        cluster.ref,
      );
}

function parameterGroupOf(
  model: StageModel,
  cluster: ModelResource<DBClusterProps>,
): ModelResource<DBClusterParameterGroupProps> | undefined {
  const named = cluster.props.DBClusterParameterGroupName;
  const resolved = model.resolve<DBClusterParameterGroupProps>(cluster, named);
  if (resolved?.type === 'AWS::RDS::DBClusterParameterGroup') return resolved;
  // A group named by a literal: find a group with that name anywhere in the assembly.
  const name = model.text(cluster, named);
  return name
    ? model
        .ofType<DBClusterParameterGroupProps>('AWS::RDS::DBClusterParameterGroup')
        .find((g) => model.text(g, g.props.DBClusterParameterGroupName) === name)
    : undefined;
}
