/** Typed views of AWS::Scheduler::* properties. */

export interface ScheduleTarget {
  readonly Arn?: unknown;
  readonly RoleArn?: unknown;
  readonly Input?: unknown;
  readonly EcsParameters?: { readonly TaskDefinitionArn?: unknown; readonly LaunchType?: unknown };
}

export interface ScheduleProps {
  readonly State?: unknown;
  readonly ScheduleExpression?: unknown;
  readonly Target?: ScheduleTarget;
}
