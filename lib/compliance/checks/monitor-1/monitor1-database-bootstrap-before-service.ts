import {
  APPLICATION_AUDIT_CLASSES,
  DATABASE_BOOTSTRAP_RESOURCE_TYPE,
  PEOPLE_AUDIT_CLASSES,
} from '../../../core/requirements/database';
import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, prop, refersTo, resourcesIn } from '../../template/template-values';
import { dependsOn, readsFrom, servicesReaching, taskDefinitionNamed } from '../private/database-values';

/**
 * MONITOR-1: every PostgreSQL cluster declares its bootstrap (a custom resource running after the cluster and its
 * instances, carrying the digest of its SQL), the bootstrap declares an application role that audits at least DDL
 * and role changes and people who are audited for reads and writes, and every ECS service that can reach the
 * cluster is deployed after it: no manual database step stands between a deploy and the audit promise.
 */
export const databaseBootstrapBeforeService: Check = {
  id: 'MONITOR1-DatabaseBootstrapBeforeService',
  claims: ['MONITOR-1'],
  description:
    'every PostgreSQL cluster has a database bootstrap (roles, pgaudit per role, SQL digest) that runs after its instances and before every service that reaches it',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const clusters = assembly
      .resourcesOfType('AWS::RDS::DBCluster')
      .filter((c) => /postgres/.test(String(prop(c, 'Engine') ?? '')));
    if (clusters.length === 0)
      return [fail('no PostgreSQL database cluster in the assembly, so no bootstrap to judge')];
    return clusters.map((cluster) => judgeCluster(assembly, cluster));
  },
};

function judgeCluster(assembly: PlatformAssembly, cluster: LocatedResource): CheckResult {
  const bootstraps = resourcesIn([cluster.stack], DATABASE_BOOTSTRAP_RESOURCE_TYPE).filter((b) =>
    refersTo(prop(b, 'ClusterIdentifier'), cluster.logicalId),
  );
  if (bootstraps.length !== 1) {
    return fail(
      `cluster ${cluster.logicalId}: ${bootstraps.length === 0 ? 'no' : bootstraps.length} ${DATABASE_BOOTSTRAP_RESOURCE_TYPE} names it (ClusterIdentifier), so its roles and pgaudit settings are left to a person. Fix: add a DatabaseBootstrap`,
      toRef(cluster),
    );
  }
  const bootstrap = bootstraps[0];
  const problems = declarationProblems(cluster, bootstrap);
  const services = servicesReaching(assembly, cluster);
  const unordered = services.filter((s) => !orderedAfter(assembly, s, bootstrap));
  if (unordered.length) {
    problems.push(
      `service(s) ${unordered.map((s) => `${s.stackName}/${s.logicalId}`).join(', ')} reach the cluster but are not ordered after the bootstrap (no DependsOn on it, nothing read from it)`,
    );
  }
  if (problems.length) return fail(`cluster ${cluster.logicalId}: ${problems.join('; ')}`, toRef(bootstrap));
  const people = asArray<string>(prop(bootstrap, 'People'));
  const declared = (name: string) => String(prop(bootstrap, name));
  return pass(
    `cluster ${cluster.logicalId}: bootstrap ${bootstrap.logicalId} (SQL sha256 ${declared('SqlDigest')}) declares ` +
      `application role ${declared('ApplicationRole')} on schema ${declared('ApplicationSchema')} auditing ${declared('ApplicationAuditClasses')}, ` +
      `people role ${declared('PeopleRole')} auditing ${declared('PeopleAuditClasses')} (people: ${people.length ? people.join(', ') : 'none yet'}); ` +
      `runs after the cluster and its ${instancesOf(cluster).length} instances; ordered before ${services.length ? services.map((s) => s.logicalId).join(', ') : 'no service (none reaches the cluster)'}`,
    toRef(bootstrap),
    {
      SqlDigest: declared('SqlDigest'),
      ApplicationRole: declared('ApplicationRole'),
      ApplicationAuditClasses: declared('ApplicationAuditClasses'),
      PeopleRole: declared('PeopleRole'),
      PeopleAuditClasses: declared('PeopleAuditClasses'),
      People: people,
      OrderedBefore: services.map((s) => `${s.stackName}/${s.logicalId}`),
    },
  );
}

function declarationProblems(cluster: LocatedResource, bootstrap: LocatedResource): string[] {
  const problems: string[] = [];
  if (!/^[0-9a-f]{64}$/.test(String(prop(bootstrap, 'SqlDigest') ?? '')))
    problems.push('the bootstrap carries no SHA-256 of its SQL (SqlDigest), so a changed SQL file would not rerun it');
  const classes = (name: string) =>
    String(prop(bootstrap, name) ?? '')
      .split(',')
      .map((c) => c.trim().toLowerCase());
  const missingPeople = PEOPLE_AUDIT_CLASSES.filter((c) => !classes('PeopleAuditClasses').includes(c));
  if (missingPeople.length) problems.push(`people are not audited for ${missingPeople.join(', ')}`);
  const missingApp = APPLICATION_AUDIT_CLASSES.filter((c) => !classes('ApplicationAuditClasses').includes(c));
  if (missingApp.length) problems.push(`the application role is not audited for ${missingApp.join(', ')}`);
  const appRole = String(prop(bootstrap, 'ApplicationRole') ?? '');
  const master = String(prop(cluster, 'MasterUsername') ?? '');
  if (!appRole || appRole === master)
    problems.push(`the application role '${appRole}' is not a role of its own (the master user is '${master}')`);
  const after = dependsOn(bootstrap);
  const missing = [cluster, ...instancesOf(cluster)].filter((r) => !after.includes(r.logicalId));
  if (missing.length)
    problems.push(`the bootstrap may run before ${missing.map((r) => r.logicalId).join(', ')} exist (DependsOn)`);
  return problems;
}

function instancesOf(cluster: LocatedResource): LocatedResource[] {
  return resourcesIn([cluster.stack], 'AWS::RDS::DBInstance').filter((i) =>
    refersTo(prop(i, 'DBClusterIdentifier'), cluster.logicalId),
  );
}

/** DependsOn the bootstrap in its own stack, or its task definition reads something the bootstrap produces. */
function orderedAfter(assembly: PlatformAssembly, service: LocatedResource, bootstrap: LocatedResource): boolean {
  if (service.stack === bootstrap.stack && dependsOn(service).includes(bootstrap.logicalId)) return true;
  const td = taskDefinitionNamed(service.stack, prop(service, 'TaskDefinition'));
  return (
    readsFrom(assembly, service.stack, service.resource.Properties, bootstrap) ||
    (td !== undefined && readsFrom(assembly, td.stack, prop(td, 'ContainerDefinitions'), bootstrap))
  );
}
