import {
  APPLICATION_AUDIT_CLASSES,
  DATABASE_BOOTSTRAP_RESOURCE_TYPE,
  PEOPLE_AUDIT_CLASSES,
} from '../../../core/requirements/database';
import { Check, CheckResult, fail, pass } from '../check';
import type { DatabaseBootstrapProps } from '../../template/cfn/database-bootstrap';
import type { EcsServiceProps } from '../../template/cfn/ecs';
import type { DBClusterProps, DBInstanceProps } from '../../template/cfn/rds';
import type { PlatformAssembly } from '../../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { dependsOn, postgresClusters, servicesReaching, taskDefinitionNamed } from '../private/database-values';

type Cluster = ModelResource<DBClusterProps>;
type Bootstrap = ModelResource<DatabaseBootstrapProps>;

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
    const model = assemblyModel(assembly);
    const clusters = postgresClusters(model);
    if (clusters.length === 0)
      return [fail('no PostgreSQL database cluster in the assembly, so no bootstrap to judge')];
    return clusters.map((cluster) => judgeCluster(model, cluster));
  },
};

function judgeCluster(model: StageModel, cluster: Cluster): CheckResult {
  const bootstraps = model
    .ofType<DatabaseBootstrapProps>(DATABASE_BOOTSTRAP_RESOURCE_TYPE)
    .filter((b) => model.mentions(b, b.props.ClusterIdentifier, cluster));
  if (bootstraps.length !== 1) {
    return fail(
      `cluster ${cluster.logicalId}: ${bootstraps.length === 0 ? 'no' : bootstraps.length} ${DATABASE_BOOTSTRAP_RESOURCE_TYPE} names it (ClusterIdentifier), so its roles and pgaudit settings are left to a person. Fix: add a DatabaseBootstrap`,
      cluster.ref,
    );
  }
  const bootstrap = bootstraps[0];
  const problems = declarationProblems(model, cluster, bootstrap);
  const services = servicesReaching(model, cluster);
  const unordered = services.filter((s) => !orderedAfter(model, s, bootstrap));
  if (unordered.length) {
    problems.push(
      `service(s) ${unordered.map((s) => `${s.stackName}/${s.logicalId}`).join(', ')} reach the cluster but are not ordered after the bootstrap (no DependsOn on it, nothing read from it)`,
    );
  }
  if (problems.length) return fail(`cluster ${cluster.logicalId}: ${problems.join('; ')}`, bootstrap.ref);
  const people = asArray<string>(bootstrap.props.People);
  const declared = (name: keyof DatabaseBootstrapProps) => String(bootstrap.props[name]);
  return pass(
    `cluster ${cluster.logicalId}: bootstrap ${bootstrap.logicalId} (SQL sha256 ${declared('SqlDigest')}) declares ` +
      `application role ${declared('ApplicationRole')} on schema ${declared('ApplicationSchema')} auditing ${declared('ApplicationAuditClasses')}, ` +
      `people role ${declared('PeopleRole')} auditing ${declared('PeopleAuditClasses')} (people: ${people.length ? people.join(', ') : 'none yet'}); ` +
      `runs after the cluster and its ${instancesOf(model, cluster).length} instances; ordered before ${services.length ? services.map((s) => s.logicalId).join(', ') : 'no service (none reaches the cluster)'}`,
    bootstrap.ref,
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

function declarationProblems(model: StageModel, cluster: Cluster, bootstrap: Bootstrap): string[] {
  const problems: string[] = [];
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  if (!/^[0-9a-f]{64}$/.test(text(bootstrap.props.SqlDigest)))
    problems.push('the bootstrap carries no SHA-256 of its SQL (SqlDigest), so a changed SQL file would not rerun it');
  const classes = (value: unknown) =>
    text(value)
      .split(',')
      .map((c) => c.trim().toLowerCase());
  const missingPeople = PEOPLE_AUDIT_CLASSES.filter((c) => !classes(bootstrap.props.PeopleAuditClasses).includes(c));
  if (missingPeople.length) problems.push(`people are not audited for ${missingPeople.join(', ')}`);
  const missingApp = APPLICATION_AUDIT_CLASSES.filter(
    (c) => !classes(bootstrap.props.ApplicationAuditClasses).includes(c),
  );
  if (missingApp.length) problems.push(`the application role is not audited for ${missingApp.join(', ')}`);
  const appRole = text(bootstrap.props.ApplicationRole);
  const master = text(cluster.props.MasterUsername);
  if (!appRole || appRole === master)
    problems.push(`the application role '${appRole}' is not a role of its own (the master user is '${master}')`);
  const after = dependsOn(bootstrap);
  const missing = [cluster, ...instancesOf(model, cluster)].filter(
    (r) => r.stackName !== bootstrap.stackName || !after.includes(r.logicalId),
  );
  if (missing.length)
    problems.push(`the bootstrap may run before ${missing.map((r) => r.logicalId).join(', ')} exist (DependsOn)`);
  return problems;
}

function instancesOf(model: StageModel, cluster: Cluster): ModelResource<DBInstanceProps>[] {
  return model
    .ofType<DBInstanceProps>('AWS::RDS::DBInstance')
    .filter((i) => model.mentions(i, i.props.DBClusterIdentifier, cluster));
}

/** DependsOn the bootstrap in its own stack, or it (or its task definition) reads something the bootstrap produces. */
function orderedAfter(model: StageModel, service: ModelResource<EcsServiceProps>, bootstrap: Bootstrap): boolean {
  if (service.stackName === bootstrap.stackName && dependsOn(service).includes(bootstrap.logicalId)) return true;
  const td = taskDefinitionNamed(model, service, service.props.TaskDefinition);
  return (
    model.mentions(service, service.props, bootstrap) ||
    (td !== undefined && model.mentions(td, td.props.ContainerDefinitions, bootstrap))
  );
}
