import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, flatten, prop } from '../../template/template-values';

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
    const clusters = assembly
      .resourcesOfType('AWS::RDS::DBCluster')
      .filter((c) => /postgres/.test(String(prop(c, 'Engine') ?? '')));
    if (clusters.length === 0)
      return [fail('no PostgreSQL database cluster in the assembly, so no database audit log to judge')];
    return clusters.map((cluster) => judgeCluster(assembly, cluster));
  },
};

function judgeCluster(assembly: PlatformAssembly, cluster: LocatedResource): CheckResult {
  const problems: string[] = [];
  const exports = asArray(prop(cluster, 'EnableCloudwatchLogsExports'));
  if (!exports.includes('postgresql'))
    problems.push('postgresql log not exported to CloudWatch Logs (EnableCloudwatchLogsExports)');
  const group = parameterGroupOf(assembly, cluster);
  if (!group) {
    problems.push('no cluster parameter group of the assembly is attached (DBClusterParameterGroupName)');
  } else {
    const parameters = (prop(group, 'Parameters') ?? {}) as Record<string, unknown>;
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
    ? fail(`cluster ${cluster.logicalId}: ${problems.join('; ')}`, toRef(cluster))
    : pass(
        `cluster ${cluster.logicalId}: pgaudit loaded, pgaudit.log covers read and write, postgresql log exported`,
        toRef(cluster),
      );
}

function parameterGroupOf(assembly: PlatformAssembly, cluster: LocatedResource): LocatedResource | undefined {
  const ref = prop(cluster, 'DBClusterParameterGroupName');
  const local = assembly.resolveLocal(cluster.stack, ref);
  if (local?.type === 'AWS::RDS::DBClusterParameterGroup') return local;
  // A group named by a literal: find a group with that name anywhere in the assembly.
  const name = flatten(ref, cluster.stack);
  return name
    ? assembly
        .resourcesOfType('AWS::RDS::DBClusterParameterGroup')
        .find((g) => flatten(prop(g, 'DBClusterParameterGroupName'), g.stack) === name)
    : undefined;
}
