import { DAILY_CRON, DUMP_TLS_MODE } from '../../../core/requirements/data';
import type { ContainerKeyValue, TaskDefinitionProps } from '../../template/cfn/ecs';
import type { BucketProps } from '../../template/cfn/s3';
import type { ScheduleProps } from '../../template/cfn/scheduler';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass, perStage } from '../check';
import { asArray, bucketNameOf, classificationOf, member } from '../private/cfn';

/**
 * REST-3 (the GPG promise): each environment schedules a daily task whose container encrypts to an armored GPG
 * PUBLIC key (no private key anywhere in its definition), connects with TLS required, and writes to a dump bucket.
 */
export const gpgDumpScheduled: Check = {
  id: 'REST3-GpgDumpScheduledDaily',
  claims: ['REST-3'],
  description:
    'a daily schedule runs a task that encrypts dumps to a GPG public key (never a private key) over TLS into a dump bucket',
  run: (assembly) => perStage(assembly, judgeEnvironment),
};

function judgeEnvironment(model: StageModel): CheckResult {
  const dumpBuckets = model
    .ofType<BucketProps>('AWS::S3::Bucket')
    .filter((b) => classificationOf(b) === 'database-dump')
    .map((b) => bucketNameOf(model, b) ?? '');
  const problems: string[] = [];
  for (const schedule of model.ofType<ScheduleProps>('AWS::Scheduler::Schedule')) {
    if (!DAILY_CRON.test(model.text(schedule, schedule.props.ScheduleExpression) ?? '')) continue;
    const task = model.resolve<TaskDefinitionProps>(schedule, schedule.props.Target?.EcsParameters?.TaskDefinitionArn);
    if (task?.type !== 'AWS::ECS::TaskDefinition') continue;
    const why = judgeTask(model, task, dumpBuckets);
    if (!why)
      return pass(
        `${model.name}: schedule ${schedule.logicalId} runs ${task.logicalId} daily: GPG public key, TLS required, dump bucket target`,
        schedule.ref,
      );
    problems.push(`${schedule.logicalId} -> ${task.logicalId}: ${why}`);
  }
  return fail(
    `${model.name}: no daily schedule of a GPG dump task${problems.length ? ` (${problems.join('; ')})` : ''}`,
  );
}

function judgeTask(
  model: StageModel,
  task: ModelResource<TaskDefinitionProps>,
  dumpBuckets: string[],
): string | undefined {
  const env = new Map<string, string>();
  for (const c of asArray(task.props.ContainerDefinitions)) {
    for (const e of asArray<ContainerKeyValue>(c.Environment)) {
      const value = valueOf(model, task, e.Value);
      if (typeof e.Name === 'string' && value !== undefined) env.set(e.Name, value);
    }
  }
  if (JSON.stringify(task.props).includes('PRIVATE KEY')) return 'its definition contains a PRIVATE key block';
  if (!/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(env.get('GPG_RECIPIENT_KEY') ?? ''))
    return 'no armored GPG public key in GPG_RECIPIENT_KEY';
  // `require` encrypts but trusts any server: the dump verifies the server's certificate and name.
  if (env.get('PGSSLMODE') !== DUMP_TLS_MODE)
    return `PGSSLMODE is '${env.get('PGSSLMODE') ?? ''}', not ${DUMP_TLS_MODE}`;
  const target = env.get('DUMP_TARGET') ?? '';
  if (!dumpBuckets.some((b) => target.startsWith(`s3://${b}/`))) return `DUMP_TARGET '${target}' is not a dump bucket`;
  return undefined;
}

/** An environment value as text; a reference to a bucket stands for that bucket's literal name. */
function valueOf(model: StageModel, task: ModelResource<TaskDefinitionProps>, value: unknown): string | undefined {
  const bucketRef = (v: unknown): string | undefined => {
    const bucket = model.resolve<BucketProps>(task, v);
    return bucket?.type === 'AWS::S3::Bucket' ? bucketNameOf(model, bucket) : undefined;
  };
  const join = asArray(member(value, 'Fn::Join'));
  if (join.length === 2 && typeof join[0] === 'string') {
    const parts = asArray(join[1]).map((p) => (typeof p === 'string' ? p : (bucketRef(p) ?? model.text(task, p))));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return typeof value === 'string' ? value : bucketRef(value);
}
