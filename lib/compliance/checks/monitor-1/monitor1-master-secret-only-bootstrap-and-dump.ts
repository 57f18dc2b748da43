import { DATABASE_BOOTSTRAP_RESOURCE_TYPE } from '../../../core/requirements/database';
import { Check, CheckResult, fail, pass } from '../check';
import type { DatabaseBootstrapProps } from '../../template/cfn/database-bootstrap';
import type { TaskDefinitionProps } from '../../template/cfn/ecs';
import type { PolicyStatement } from '../../template/cfn/iam';
import type { FunctionProps } from '../../template/cfn/lambda';
import type { ScheduleProps } from '../../template/cfn/scheduler';
import type { PlatformAssembly } from '../../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import {
  carriesMasterSecret,
  documentsOf,
  PolicyHolder,
  postgresClusters,
  rolesOfPolicy,
  taskDefinitionNamed,
} from '../private/database-values';

const READS_SECRET = ['secretsmanager:GetSecretValue', 'secretsmanager:*', '*'];

/**
 * MONITOR-1: the database's master credentials stay with the one job that needs them. No task definition (the dump
 * logs in as its own read-only role since issue 22; the id keeps its old name) and no function but the one behind the
 * database bootstrap receives the master secret, and no IAM policy lets any other role read it; the application logs
 * in as its own role, so the audit log can tell it from a person.
 */
export const masterSecretOnlyBootstrapAndDump: Check = {
  id: 'MONITOR1-MasterSecretOnlyBootstrapAndDump',
  claims: ['MONITOR-1'],
  description:
    'the database master secret is handed only to the database bootstrap function, and readable only by its role: no task definition receives it (the dump logs in as its own read-only role)',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const model = assemblyModel(assembly);
    const clusters = postgresClusters(model);
    if (clusters.length === 0)
      return [fail('no PostgreSQL database cluster in the assembly, so no master secret to judge')];
    const allowed = allowedHolders(model);
    const results: CheckResult[] = [];
    const holders: string[] = [];
    for (const td of model.ofType<TaskDefinitionProps>('AWS::ECS::TaskDefinition')) {
      if (!carriesMasterSecret(model, td, td.props.ContainerDefinitions)) continue;
      results.push(
        fail(
          allowed.scheduledTasks.includes(td)
            ? `task definition ${td.logicalId} (scheduled dump) receives the database master secret. Fix: hand it the dump reader's secret (DatabaseBootstrap.dumpReaderSecret)`
            : `task definition ${td.logicalId} receives the database master secret. Fix: log in as the application's own role with IAM authentication`,
          td.ref,
        ),
      );
    }
    for (const fn of model.ofType<FunctionProps>('AWS::Lambda::Function')) {
      if (!carriesMasterSecret(model, fn, fn.props.Environment)) continue;
      if (allowed.functions.includes(fn)) holders.push(`function ${fn.logicalId} (database bootstrap)`);
      else results.push(fail(`function ${fn.logicalId} is handed the database master secret`, fn.ref));
    }
    const readers = new Set<string>();
    const policies = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'].flatMap((type) =>
      model.ofType<PolicyHolder['props']>(type),
    );
    for (const policy of policies) {
      if (!grantsMasterSecretRead(model, policy)) continue;
      for (const role of rolesOfPolicy(model, policy)) {
        if (allowed.roles.includes(role)) readers.add(role.logicalId);
        else
          results.push(
            fail(
              `${policy.logicalId} lets role ${role.logicalId} read the database master secret (GetSecretValue)`,
              policy.ref,
            ),
          );
      }
    }
    if (results.length) return results;
    if (holders.length === 0) return [fail('no database bootstrap holds the master secret, so nothing shows who does')];
    return clusters.map((c) =>
      pass(
        `cluster ${c.logicalId}: master secret handed only to ${holders.join(' and ')}; readable only by roles ${[...readers].sort().join(', ')}; no task definition receives it`,
        c.ref,
        { MasterSecretHandedTo: holders, MasterSecretReadableBy: [...readers].sort() },
      ),
    );
  },
};

/** The functions behind a database bootstrap and their roles; the task definitions a schedule runs (for the message). */
function allowedHolders(model: StageModel): {
  scheduledTasks: ModelResource<unknown>[];
  functions: ModelResource<unknown>[];
  roles: ModelResource<unknown>[];
} {
  const scheduledTasks = model
    .ofType<ScheduleProps>('AWS::Scheduler::Schedule')
    .map((s) => taskDefinitionNamed(model, s, s.props.Target?.EcsParameters?.TaskDefinitionArn))
    .filter((t): t is ModelResource<TaskDefinitionProps> => t !== undefined);
  const functions = model
    .ofType<DatabaseBootstrapProps>(DATABASE_BOOTSTRAP_RESOURCE_TYPE)
    .map((b) => model.resolve<FunctionProps>(b, b.props.ServiceToken))
    .filter((f): f is ModelResource<FunctionProps> => f?.type === 'AWS::Lambda::Function');
  const roles = functions.flatMap((fn) => model.resolveAll(fn, fn.props.Role));
  return { scheduledTasks, functions, roles };
}

function grantsMasterSecretRead(model: StageModel, policy: PolicyHolder): boolean {
  return documentsOf(policy).some((doc) =>
    asArray<PolicyStatement>(doc.Statement).some(
      (s) =>
        s.Effect === 'Allow' &&
        asArray(s.Action).some((a) => typeof a === 'string' && READS_SECRET.includes(a)) &&
        // A read of every secret is a read of this one.
        (asArray(s.Resource).includes('*') || carriesMasterSecret(model, policy, s.Resource)),
    ),
  );
}
