import type { ModelResource } from '../../template/stage-model';
import type { TemplateMutation } from '../path-record';

/**
 * The generated mutations of every event hop kind, in one place: each turns its hop the other way by the property AWS
 * reads there. A path added later gets them with no new code, because paths are built from these hop kinds only.
 */
export type EventHopKind =
  | 'event-rule-bus'
  | 'event-rule-pattern'
  | 'event-rule-schedule'
  | 'event-rule-state'
  | 'event-rule-target'
  | 'event-target-input'
  | 'event-forward-role'
  | 'topic-policy'
  | 'topic-key-policy'
  | 'topic-subscription'
  | 'alarm-metric'
  | 'trail-log-delivery'
  | 'alarm-actions-enabled'
  | 'alarm-action'
  | 'alarm-missing-data'
  | 'alarm-threshold';

function set(r: ModelResource, description: string, path: (string | number)[], value: unknown): TemplateMutation {
  return { description, stackName: r.stackName, logicalId: r.logicalId, path: ['Properties', ...path], value };
}

function remove(r: ModelResource, description: string, path: (string | number)[]): TemplateMutation {
  return { description, stackName: r.stackName, logicalId: r.logicalId, path: ['Properties', ...path], remove: true };
}

export const HOP_MUTATIONS = {
  'event-rule-bus': (rule: ModelResource): TemplateMutation[] => [
    set(
      rule,
      'EventBusName: a custom bus (AWS services put their events on the default bus only)',
      ['EventBusName'],
      'custom-bus',
    ),
  ],
  /** A matching pattern: a value the event matched changed to one it does not (the literal suffixed). */
  'event-rule-pattern-matched': (
    rule: ModelResource,
    leaf: readonly string[],
    values: readonly string[],
  ): TemplateMutation[] => [
    set(
      rule,
      `EventPattern.${leaf.join('.')}: ${values.map((v) => `${v}-changed`).join(', ')}`,
      ['EventPattern', ...leaf],
      values.map((v) => `${v}-changed`),
    ),
  ],
  /** A pattern that rejects the event: each field whose removal alone lets the event match. */
  'event-rule-pattern-rejected': (rule: ModelResource, leaves: readonly (readonly string[])[]): TemplateMutation[] =>
    leaves.map((leaf) => remove(rule, `EventPattern.${leaf.join('.')} removed`, ['EventPattern', ...leaf])),
  'event-rule-schedule': (rule: ModelResource): TemplateMutation[] => [
    set(
      rule,
      'ScheduleExpression: cron(0 9 31 2 ? 2099), a date that never comes (31 February)',
      ['ScheduleExpression'],
      'cron(0 9 31 2 ? 2099)',
    ),
  ],
  'event-rule-state': (rule: ModelResource, enabled: boolean): TemplateMutation[] => [
    enabled ? set(rule, 'State: DISABLED', ['State'], 'DISABLED') : set(rule, 'State: ENABLED', ['State'], 'ENABLED'),
  ],
  'event-rule-target': (rule: ModelResource, targetIndex: number): TemplateMutation[] => [
    remove(rule, `Targets[${targetIndex}] removed`, ['Targets', targetIndex]),
  ],
  'event-target-input': (rule: ModelResource, targetIndex: number): TemplateMutation[] => [
    set(
      rule,
      `Targets[${targetIndex}].Input: "" (replaces the event with an empty message, which SNS rejects)`,
      ['Targets', targetIndex, 'Input'],
      '""',
    ),
  ],
  'event-forward-role': (rule: ModelResource, targetIndex: number): TemplateMutation[] => [
    remove(rule, `Targets[${targetIndex}].RoleArn removed (a cross-region bus target needs a role)`, [
      'Targets',
      targetIndex,
      'RoleArn',
    ]),
  ],
  /** The statements that grant the service, all removed at once (one of several would leave the others granting). */
  'topic-policy': (
    policy: ModelResource,
    remaining: readonly unknown[],
    removed: readonly number[],
  ): TemplateMutation[] => [
    set(policy, `PolicyDocument.Statement[${removed.join(', ')}] removed`, ['PolicyDocument', 'Statement'], remaining),
  ],
  'topic-key-policy': (
    key: ModelResource,
    remaining: readonly unknown[],
    removed: readonly number[],
  ): TemplateMutation[] => [
    set(key, `KeyPolicy.Statement[${removed.join(', ')}] removed`, ['KeyPolicy', 'Statement'], remaining),
  ],
  'topic-subscription': (subscription: ModelResource): TemplateMutation[] => [
    set(
      subscription,
      'FilterPolicy on message attributes, which EventBridge and CloudWatch messages never carry',
      ['FilterPolicy'],
      { alert: ['never'] },
    ),
    set(
      subscription,
      'TopicArn: another topic (the subscription removed from this one)',
      ['TopicArn'],
      'arn:aws:sns:us-east-1:111111111111:another-topic',
    ),
  ],
  'topic-inline-subscription': (topic: ModelResource, index: number): TemplateMutation[] => [
    remove(topic, `Subscription[${index}] removed`, ['Subscription', index]),
  ],
  'alarm-metric': (alarm: ModelResource, metricName: string): TemplateMutation[] => [
    set(alarm, `MetricName: ${metricName}Changed, a metric nothing emits`, ['MetricName'], `${metricName}Changed`),
  ],
  'trail-log-delivery': (trail: ModelResource): TemplateMutation[] => [
    set(trail, 'IsLogging: false', ['IsLogging'], false),
  ],
  'alarm-actions-enabled': (alarm: ModelResource): TemplateMutation[] => [
    set(alarm, 'ActionsEnabled: false', ['ActionsEnabled'], false),
  ],
  'alarm-action': (alarm: ModelResource): TemplateMutation[] => [set(alarm, 'AlarmActions: []', ['AlarmActions'], [])],
  'alarm-threshold': (alarm: ModelResource): TemplateMutation[] => [
    set(alarm, 'Threshold: 2 (one event, a datapoint of 1, never reaches it)', ['Threshold'], 2),
    set(
      alarm,
      'Statistic: Average (a FAILED and a SUCCESSFUL verdict in one period average 0.5)',
      ['Statistic'],
      'Average',
    ),
  ],
  'alarm-missing-data': (alarm: ModelResource, current: string): TemplateMutation[] => {
    const flipped = current === 'breaching' ? 'notBreaching' : 'breaching';
    return [set(alarm, `TreatMissingData: ${flipped}`, ['TreatMissingData'], flipped)];
  },
} as const;
