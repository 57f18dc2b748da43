import { DUMP_TLS_MODE, DAILY_CRON } from '../../../core/requirements/data';
import { Check, CheckResult, fail, pass, perEnvironment } from '../check';
import { LocatedResource, PlatformAssembly, referencedLogicalId, toRef } from '../../template/platform-assembly';
import {
  asArray,
  bucketName,
  dataClassification,
  flatten,
  PlatformEnvironment,
  prop,
  refersTo,
  resourcesIn,
} from '../private/cfn';

interface Container {
  Environment?: { Name?: string; Value?: unknown }[];
}

/**
 * REST-3 (the GPG promise): each environment schedules a daily task whose container encrypts to an armored GPG
 * PUBLIC key (no private key anywhere in its definition), connects with TLS required, and writes to a dump bucket.
 */
export const gpgDumpScheduled: Check = {
  id: 'REST3-GpgDumpScheduledDaily',
  claims: ['REST-3'],
  description:
    'a daily schedule runs a task that encrypts dumps to a GPG public key (never a private key) over TLS into a dump bucket',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    return perEnvironment(assembly, judgeEnvironment);
  },
};

function judgeEnvironment(env: PlatformEnvironment): CheckResult {
  const dumpBuckets = resourcesIn(env.stacks, 'AWS::S3::Bucket')
    .filter((b) => dataClassification(b) === 'database-dump')
    .map((b) => bucketName(b) ?? '');
  const problems: string[] = [];
  for (const schedule of resourcesIn(env.stacks, 'AWS::Scheduler::Schedule')) {
    if (!DAILY_CRON.test(String(prop(schedule, 'ScheduleExpression') ?? ''))) continue;
    const taskRef = (prop(schedule, 'Target') as { EcsParameters?: { TaskDefinitionArn?: unknown } } | undefined)
      ?.EcsParameters?.TaskDefinitionArn;
    const task = resourcesIn([schedule.stack], 'AWS::ECS::TaskDefinition').find((t) => refersTo(taskRef, t.logicalId));
    if (!task) continue;
    const why = judgeTask(task, dumpBuckets);
    if (!why)
      return pass(
        `${env.name}: schedule ${schedule.logicalId} runs ${task.logicalId} daily: GPG public key, TLS required, dump bucket target`,
        toRef(schedule),
      );
    problems.push(`${schedule.logicalId} -> ${task.logicalId}: ${why}`);
  }
  return fail(`${env.name}: no daily schedule of a GPG dump task${problems.length ? ` (${problems.join('; ')})` : ''}`);
}

function judgeTask(task: LocatedResource, dumpBuckets: string[]): string | undefined {
  const env = new Map<string, string>();
  for (const c of asArray<Container>(prop(task, 'ContainerDefinitions'))) {
    for (const e of asArray<{ Name?: string; Value?: unknown }>(c.Environment)) {
      const value = valueOf(task, e.Value);
      if (e.Name && value !== undefined) env.set(e.Name, value);
    }
  }
  if (JSON.stringify(task.resource).includes('PRIVATE KEY')) return 'its definition contains a PRIVATE key block';
  if (!/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(env.get('GPG_RECIPIENT_KEY') ?? ''))
    return 'no armored GPG public key in GPG_RECIPIENT_KEY';
  // `require` encrypts but trusts any server: the dump verifies the server's certificate and name.
  if (env.get('PGSSLMODE') !== DUMP_TLS_MODE)
    return `PGSSLMODE is '${env.get('PGSSLMODE') ?? ''}', not ${DUMP_TLS_MODE}`;
  const target = env.get('DUMP_TARGET') ?? '';
  if (!dumpBuckets.some((b) => target.startsWith(`s3://${b}/`))) return `DUMP_TARGET '${target}' is not a dump bucket`;
  return undefined;
}

/** An environment value as text; a `Ref` to a bucket of the same stack stands for that bucket's name. */
function valueOf(task: LocatedResource, value: unknown): string | undefined {
  const bucketRef = (v: unknown): string | undefined => {
    const id = referencedLogicalId(v);
    const bucket = id ? resourcesIn([task.stack], 'AWS::S3::Bucket').find((b) => b.logicalId === id) : undefined;
    return bucket ? bucketName(bucket) : undefined;
  };
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (join) {
    const parts = join[1].map((p) => (typeof p === 'string' ? p : (bucketRef(p) ?? flatten(p, task.stack))));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return typeof value === 'string' ? value : bucketRef(value);
}
