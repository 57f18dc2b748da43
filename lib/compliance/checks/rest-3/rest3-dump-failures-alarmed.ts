import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, flatten, prop, refersTo, resourcesIn } from '../../template/template-values';
import { alarmMetrics } from '../private/alarm-values';

/** A day and the two hours of slack the schedule and the dump need. */
const MAX_DUMP_AGE_SECONDS = 26 * 3600;

/**
 * REST-3 after deploy: for every scheduled dump task, a failed run alerts (an enabled EventBridge rule on `ECS Task
 * State Change` of the task's family whose containers stopped with an exit code other than 0, with a target), and so
 * does no dump at all: an alarm with an action on the dump bucket's S3 request metrics `PutRequests` of the dump
 * prefix, below 1 over at most 26 hours, missing data breaching.
 */
export const dumpFailuresAlarmed: Check = {
  id: 'REST3-DumpFailuresAlarmed',
  claims: ['REST-3'],
  description:
    'a dump task that exits non-zero alerts through EventBridge, and no new dump object for 26 hours alerts through a CloudWatch alarm',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const dumps = assembly.resourcesOfType('AWS::Scheduler::Schedule').flatMap((schedule) => {
      const ref = (prop(schedule, 'Target') as { EcsParameters?: { TaskDefinitionArn?: unknown } } | undefined)
        ?.EcsParameters?.TaskDefinitionArn;
      return resourcesIn([schedule.stack], 'AWS::ECS::TaskDefinition').filter((t) => refersTo(ref, t.logicalId));
    });
    if (dumps.length === 0) return [fail('no scheduled ECS task in the assembly')];
    return dumps.flatMap((task) => [judgeFailedRun(assembly, task), judgeFreshness(assembly, task)]);
  },
};

function judgeFailedRun(assembly: PlatformAssembly, task: LocatedResource): CheckResult {
  const family = prop(task, 'Family');
  if (typeof family !== 'string')
    return fail(`task ${task.logicalId}: no fixed Family, so no rule can name its runs`, toRef(task));
  const rule = assembly.resourcesOfType('AWS::Events::Rule').find((r) => {
    const pattern = (prop(r, 'EventPattern') ?? {}) as {
      source?: unknown;
      detail?: { taskDefinitionArn?: unknown; containers?: { exitCode?: unknown } };
    };
    const arnMatch = JSON.stringify(pattern.detail?.taskDefinitionArn ?? '');
    return (
      prop(r, 'State') !== 'DISABLED' &&
      asArray(pattern.source).includes('aws.ecs') &&
      arnMatch.includes(`task-definition/${family}:`) &&
      excludesOnlyZero(pattern.detail?.containers?.exitCode) &&
      asArray(prop(r, 'Targets')).length > 0
    );
  });
  return rule
    ? pass(`task family ${family}: a non-zero exit alerts through rule ${rule.logicalId}`, toRef(rule))
    : fail(
        `task family ${family}: no enabled EventBridge rule with a target on a run stopping with a non-zero exit`,
        toRef(task),
      );
}

function judgeFreshness(assembly: PlatformAssembly, task: LocatedResource): CheckResult {
  const container = asArray<{ Environment?: { Name?: string; Value?: unknown }[] }>(
    prop(task, 'ContainerDefinitions'),
  )[0];
  // DUMP_TARGET is s3://<bucket>/<prefix>: a Join of a Ref to the bucket and the prefix.
  const target = (container?.Environment ?? []).find((e) => e.Name === 'DUMP_TARGET')?.Value;
  const bucket = resourcesIn([task.stack], 'AWS::S3::Bucket').find((b) => refersTo(target, b.logicalId));
  if (!bucket) return fail(`task ${task.logicalId}: its DUMP_TARGET names no bucket of its template`, toRef(task));
  const bucketName = flatten(prop(bucket, 'BucketName'), bucket.stack) ?? bucket.logicalId;
  const parts = asArray<unknown>((target as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join']?.[1]);
  const last = parts[parts.length - 1];
  const prefix = typeof last === 'string' ? last.replace(/^\//, '') : '';
  const filters = asArray<{ Id?: string; Prefix?: string }>(prop(bucket, 'MetricsConfigurations'))
    .filter((m) => m.Prefix === prefix)
    .map((m) => m.Id);
  if (filters.length === 0)
    return fail(`bucket ${bucketName}: no S3 request metrics filter on the dump prefix '${prefix}'`, toRef(bucket));
  const alarm = alarmMetrics(assembly).find((a) => {
    const window = Number(prop(a.alarm, 'Period')) * Number(prop(a.alarm, 'EvaluationPeriods'));
    return (
      a.hasAction &&
      a.namespace === 'AWS/S3' &&
      a.metricName === 'PutRequests' &&
      a.dimensions.BucketName === bucketName &&
      filters.includes(a.dimensions.FilterId) &&
      prop(a.alarm, 'ComparisonOperator') === 'LessThanThreshold' &&
      Number(prop(a.alarm, 'Threshold')) <= 1 &&
      prop(a.alarm, 'TreatMissingData') === 'breaching' &&
      window <= MAX_DUMP_AGE_SECONDS &&
      Number(prop(a.alarm, 'DatapointsToAlarm') ?? prop(a.alarm, 'EvaluationPeriods')) ===
        Number(prop(a.alarm, 'EvaluationPeriods'))
    );
  });
  return alarm
    ? pass(
        `bucket ${bucketName}: alarm ${alarm.alarm.logicalId} fires when no dump object arrived for ${(Number(prop(alarm.alarm, 'Period')) * Number(prop(alarm.alarm, 'EvaluationPeriods'))) / 3600} hours`,
        toRef(alarm.alarm),
      )
    : fail(
        `bucket ${bucketName}: no alarm with an action on PutRequests of the dump prefix below 1 within ${MAX_DUMP_AGE_SECONDS / 3600} hours (missing data breaching)`,
        toRef(bucket),
      );
}

/** True for an exit-code matcher that matches every code but 0 (`[{ "anything-but": 0 }]` or `[0]` inside). */
function excludesOnlyZero(matcher: unknown): boolean {
  const items = asArray<{ 'anything-but'?: unknown }>(matcher);
  return items.length === 1 && JSON.stringify(asArray(items[0]?.['anything-but'])) === '[0]';
}
