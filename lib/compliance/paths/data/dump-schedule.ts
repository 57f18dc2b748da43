import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { dataHop, numberOf, record } from './data-hop';
import type { HopSite } from './hop-mutations';
import { judgeDailySchedule } from './schedule-expression';

// EventBridge Scheduler as https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
// documents it: a schedule runs only while ENABLED and before its EndDate, at its cron or rate expression, within its
// flexible time window; an ECS target's Arn is the cluster and EcsParameters.TaskDefinitionArn the task it runs.

const refersTo = (model: StageModel, from: ModelResource, value: unknown, target: ModelResource) => {
  const r = model.resolve(from, value);
  return r?.stackName === target.stackName && r.logicalId === target.logicalId;
};

/** The hops from the schedule to the dump task it starts, every day. */
export function scheduleHops(
  model: StageModel,
  schedule: ModelResource,
  cluster: ModelResource,
  taskDefinition: ModelResource,
): HopRecord[] {
  const p = schedule.props;
  const site: HopSite = {
    resource: schedule,
    at: ['Properties'],
    facts: { region: schedule.region, account: schedule.stack.account },
  };
  const state = p.State ?? 'ENABLED';
  const ends = p.EndDate !== undefined;
  const expression = typeof p.ScheduleExpression === 'string' ? p.ScheduleExpression : undefined;
  const daily = judgeDailySchedule(expression, { acceptsRate: true });
  const window = record(p.FlexibleTimeWindow);
  const maxWindow = numberOf(window.MaximumWindowInMinutes);
  const windowOk =
    window.Mode === 'OFF' ||
    (window.Mode === 'FLEXIBLE' && maxWindow !== undefined && maxWindow >= 1 && maxWindow <= 1440);
  const target = record(p.Target);
  const ecs = record(target.EcsParameters);
  const roleOk =
    target.RoleArn !== undefined &&
    (model.resolve(schedule, target.RoleArn)?.type ?? 'AWS::IAM::Role') === 'AWS::IAM::Role';
  const clusterOk = refersTo(model, schedule, target.Arn, cluster);
  const taskOk = refersTo(model, schedule, ecs.TaskDefinitionArn, taskDefinition);
  return [
    dataHop(
      'schedule-state',
      state === 'ENABLED' && !ends,
      `the schedule is ${String(state)}${ends ? ' and stops at its EndDate' : ''}`,
      site,
      'State',
    ),
    dataHop('schedule-expression', daily.daily, daily.detail, site, 'ScheduleExpression'),
    dataHop(
      'schedule-window',
      windowOk,
      window.Mode === undefined
        ? 'no FlexibleTimeWindow: Scheduler requires one'
        : `flexible time window ${String(window.Mode)}${maxWindow ? ` up to ${maxWindow} minutes` : ''}`,
      site,
      'FlexibleTimeWindow',
    ),
    dataHop(
      'schedule-role',
      roleOk,
      roleOk ? 'the schedule runs the task with an IAM role' : 'the schedule names no role to run the task with',
      site,
      'Target.RoleArn',
    ),
    dataHop(
      'schedule-target',
      clusterOk,
      clusterOk ? "the target is the dump task's cluster" : "the target is not the dump task's cluster",
      site,
      'Target.Arn',
    ),
    dataHop(
      'schedule-task-definition',
      taskOk,
      taskOk ? 'the target runs the dump task definition' : 'the target runs another task definition (or none)',
      site,
      'Target.EcsParameters.TaskDefinitionArn',
    ),
  ];
}
