import type { ContainerKeyValue, TaskDefinitionProps } from '../../template/cfn/ecs';
import type { EventRuleProps } from '../../template/cfn/events';
import type { BucketProps, MetricsConfiguration } from '../../template/cfn/s3';
import type { ScheduleProps } from '../../template/cfn/scheduler';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass } from '../check';
import { alarmMetrics } from '../private/alarm-values';
import { asArray, bucketNameOf, member } from '../private/cfn';

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
  run: (assembly): CheckResult[] => {
    const model = assemblyModel(assembly);
    const dumps = model.ofType<ScheduleProps>('AWS::Scheduler::Schedule').flatMap((schedule) => {
      const task = model.resolve<TaskDefinitionProps>(
        schedule,
        schedule.props.Target?.EcsParameters?.TaskDefinitionArn,
      );
      return task?.type === 'AWS::ECS::TaskDefinition' ? [task] : [];
    });
    if (dumps.length === 0) return [fail('no scheduled ECS task in the assembly')];
    return dumps.flatMap((task) => [judgeFailedRun(model, task), judgeFreshness(model, task)]);
  },
};

function judgeFailedRun(model: StageModel, task: ModelResource<TaskDefinitionProps>): CheckResult {
  const family = model.text(task, task.props.Family);
  if (family === undefined)
    return fail(`task ${task.logicalId}: no fixed Family, so no rule can name its runs`, task.ref);
  const rule = model.ofType<EventRuleProps>('AWS::Events::Rule').find((r) => {
    // The pattern with the intrinsics its template fixes (a partition Ref in the ARN prefix) worked out.
    const pattern = model.literal(r, r.props.EventPattern);
    const detail = member(pattern, 'detail');
    const arnMatch = JSON.stringify(member(detail, 'taskDefinitionArn') ?? '');
    return (
      r.props.State !== 'DISABLED' &&
      asArray(member(pattern, 'source')).includes('aws.ecs') &&
      arnMatch.includes(`task-definition/${family}:`) &&
      excludesOnlyZero(member(member(detail, 'containers'), 'exitCode')) &&
      asArray(r.props.Targets).length > 0
    );
  });
  return rule
    ? pass(`task family ${family}: a non-zero exit alerts through rule ${rule.logicalId}`, rule.ref)
    : fail(
        `task family ${family}: no enabled EventBridge rule with a target on a run stopping with a non-zero exit`,
        task.ref,
      );
}

function judgeFreshness(model: StageModel, task: ModelResource<TaskDefinitionProps>): CheckResult {
  const container = asArray(task.props.ContainerDefinitions)[0];
  // DUMP_TARGET is s3://<bucket>/<prefix>: a Join of a Ref to the bucket and the prefix.
  const target = asArray<ContainerKeyValue>(container?.Environment).find((e) => e.Name === 'DUMP_TARGET')?.Value;
  const bucket = model.ofType<BucketProps>('AWS::S3::Bucket').find((b) => model.mentions(task, target, b));
  if (!bucket) return fail(`task ${task.logicalId}: its DUMP_TARGET names no bucket of its template`, task.ref);
  const bucketName = bucketNameOf(model, bucket) ?? bucket.logicalId;
  const parts = asArray(asArray(member(target, 'Fn::Join'))[1]);
  const last = parts[parts.length - 1];
  const prefix = typeof last === 'string' ? last.replace(/^\//, '') : '';
  const filters = asArray<MetricsConfiguration>(bucket.props.MetricsConfigurations)
    .filter((m) => m.Prefix === prefix)
    .map((m) => m.Id);
  if (filters.length === 0)
    return fail(`bucket ${bucketName}: no S3 request metrics filter on the dump prefix '${prefix}'`, bucket.ref);
  const windowOf = (p: { readonly Period?: unknown; readonly EvaluationPeriods?: unknown }) =>
    Number(p.Period) * Number(p.EvaluationPeriods);
  const alarm = alarmMetrics(model).find(({ alarm: a, ...metric }) => {
    const p = a.props;
    return (
      metric.hasAction &&
      metric.namespace === 'AWS/S3' &&
      metric.metricName === 'PutRequests' &&
      metric.dimensions.BucketName === bucketName &&
      filters.includes(metric.dimensions.FilterId) &&
      p.ComparisonOperator === 'LessThanThreshold' &&
      Number(p.Threshold) <= 1 &&
      p.TreatMissingData === 'breaching' &&
      windowOf(p) <= MAX_DUMP_AGE_SECONDS &&
      Number(p.DatapointsToAlarm ?? p.EvaluationPeriods) === Number(p.EvaluationPeriods)
    );
  });
  return alarm
    ? pass(
        `bucket ${bucketName}: alarm ${alarm.alarm.logicalId} fires when no dump object arrived for ${windowOf(alarm.alarm.props) / 3600} hours`,
        alarm.alarm.ref,
      )
    : fail(
        `bucket ${bucketName}: no alarm with an action on PutRequests of the dump prefix below 1 within ${MAX_DUMP_AGE_SECONDS / 3600} hours (missing data breaching)`,
        bucket.ref,
      );
}

/** True for an exit-code matcher that matches every code but 0 (`[{ "anything-but": 0 }]` or `[0]` inside). */
function excludesOnlyZero(matcher: unknown): boolean {
  const items = asArray(matcher);
  return items.length === 1 && JSON.stringify(asArray(member(items[0], 'anything-but'))) === '[0]';
}
