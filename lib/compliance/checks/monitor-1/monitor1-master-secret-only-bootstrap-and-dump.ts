import { DATABASE_BOOTSTRAP_RESOURCE_TYPE } from '../../../core/requirements/database';
import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, referencedLogicalId, toRef } from '../../template/platform-assembly';
import { asArray, prop, refersTo, resourcesIn } from '../../template/template-values';
import { carriesMasterSecret, documentsOf, rolesOfPolicy, taskDefinitionNamed } from '../private/database-values';

interface Statement {
  readonly Effect?: string;
  readonly Action?: unknown;
  readonly Resource?: unknown;
}

const READS_SECRET = ['secretsmanager:GetSecretValue', 'secretsmanager:*', '*'];

/**
 * MONITOR-1: the database's master credentials stay with the two jobs that need them. No task definition but a
 * scheduled one (the dump) and no function but the one behind the database bootstrap receives the master secret,
 * and no IAM policy lets any other role read it; the application logs in as its own role, so the audit log can tell
 * it from a person.
 */
export const masterSecretOnlyBootstrapAndDump: Check = {
  id: 'MONITOR1-MasterSecretOnlyBootstrapAndDump',
  claims: ['MONITOR-1'],
  description:
    'the database master secret is handed only to the scheduled dump task and the database bootstrap function, and readable only by their roles',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const clusters = assembly
      .resourcesOfType('AWS::RDS::DBCluster')
      .filter((c) => /postgres/.test(String(prop(c, 'Engine') ?? '')));
    if (clusters.length === 0)
      return [fail('no PostgreSQL database cluster in the assembly, so no master secret to judge')];
    const allowed = allowedHolders(assembly);
    const results: CheckResult[] = [];
    const holders: string[] = [];
    for (const td of assembly.resourcesOfType('AWS::ECS::TaskDefinition')) {
      if (!carriesMasterSecret(assembly, td.stack, prop(td, 'ContainerDefinitions'))) continue;
      if (isAmong(td, allowed.taskDefinitions)) holders.push(`task definition ${td.logicalId} (scheduled dump)`);
      else
        results.push(
          fail(
            `task definition ${td.logicalId} receives the database master secret; only the scheduled dump may. Fix: log in as the application's own role with IAM authentication`,
            toRef(td),
          ),
        );
    }
    for (const fn of assembly.resourcesOfType('AWS::Lambda::Function')) {
      if (!carriesMasterSecret(assembly, fn.stack, prop(fn, 'Environment'))) continue;
      if (isAmong(fn, allowed.functions)) holders.push(`function ${fn.logicalId} (database bootstrap)`);
      else results.push(fail(`function ${fn.logicalId} is handed the database master secret`, toRef(fn)));
    }
    const readers = new Set<string>();
    for (const policy of assembly.resourcesOfType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role')) {
      if (!grantsMasterSecretRead(assembly, policy)) continue;
      for (const role of rolesOfPolicy(policy)) {
        if (allowed.roles.has(`${policy.stackName}/${role}`)) readers.add(role);
        else
          results.push(
            fail(
              `${policy.logicalId} lets role ${role} read the database master secret (GetSecretValue)`,
              toRef(policy),
            ),
          );
      }
    }
    if (results.length) return results;
    if (holders.length === 0)
      return [fail('no scheduled dump task or database bootstrap holds the master secret, so nothing shows who does')];
    return clusters.map((c) =>
      pass(
        `cluster ${c.logicalId}: master secret handed only to ${holders.join(' and ')}; readable only by roles ${[...readers].sort().join(', ')}; no service task definition receives it`,
        toRef(c),
        { MasterSecretHandedTo: holders, MasterSecretReadableBy: [...readers].sort() },
      ),
    );
  },
};

/** The task definitions a schedule runs, the functions behind a database bootstrap, and their roles. */
function allowedHolders(assembly: PlatformAssembly): {
  taskDefinitions: LocatedResource[];
  functions: LocatedResource[];
  roles: Set<string>;
} {
  const taskDefinitions = assembly
    .resourcesOfType('AWS::Scheduler::Schedule')
    .map((s) =>
      taskDefinitionNamed(
        s.stack,
        (prop(s, 'Target') as { EcsParameters?: { TaskDefinitionArn?: unknown } } | undefined)?.EcsParameters
          ?.TaskDefinitionArn,
      ),
    )
    .filter((t): t is LocatedResource => t !== undefined);
  const functions = assembly
    .resourcesOfType(DATABASE_BOOTSTRAP_RESOURCE_TYPE)
    .flatMap((b) =>
      resourcesIn([b.stack], 'AWS::Lambda::Function').filter((f) => refersTo(prop(b, 'ServiceToken'), f.logicalId)),
    );
  const roles = new Set<string>();
  for (const td of taskDefinitions) {
    for (const r of [prop(td, 'ExecutionRoleArn'), prop(td, 'TaskRoleArn')]) {
      const id = referencedLogicalId(r);
      if (id) roles.add(`${td.stackName}/${id}`);
    }
  }
  for (const fn of functions) {
    const id = referencedLogicalId(prop(fn, 'Role'));
    if (id) roles.add(`${fn.stackName}/${id}`);
  }
  return { taskDefinitions, functions, roles };
}

function isAmong(r: LocatedResource, list: readonly LocatedResource[]): boolean {
  return list.some((x) => x.stackName === r.stackName && x.logicalId === r.logicalId);
}

function grantsMasterSecretRead(assembly: PlatformAssembly, policy: LocatedResource): boolean {
  return documentsOf(policy).some((doc) =>
    asArray<Statement>(doc.Statement).some(
      (s) =>
        s.Effect === 'Allow' &&
        asArray<string>(s.Action).some((a) => READS_SECRET.includes(a)) &&
        // A read of every secret is a read of this one.
        (asArray(s.Resource).includes('*') || carriesMasterSecret(assembly, policy.stack, s.Resource)),
    ),
  );
}
