/** Typed views of AWS::Events::* properties. */

export interface EventRuleTarget {
  readonly Id?: unknown;
  readonly Arn?: unknown;
  readonly Input?: unknown;
  readonly RoleArn?: unknown;
}

export interface EventRuleProps {
  readonly State?: unknown;
  readonly ScheduleExpression?: unknown;
  readonly EventPattern?: unknown;
  readonly EventBusName?: unknown;
  readonly Targets?: readonly EventRuleTarget[];
}
