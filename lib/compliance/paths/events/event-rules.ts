import { asArray } from '../../template/template-values';
import type { ModelResource, StageModel } from '../../template/stage-model';

/** An EventBridge rule as the event paths read it. */
export interface RuleView {
  readonly rule: ModelResource;
  readonly pattern?: Record<string, unknown>;
  readonly schedule?: string;
  /** Whether the rule is on the region's default bus, where AWS services put their events. */
  readonly onDefaultBus: boolean;
  readonly targets: readonly Record<string, unknown>[];
}

/** Rules by region, built once per model. */
export function rulesByRegion(model: StageModel): Map<string, RuleView[]> {
  return model.index('event-paths:rules', (m) => {
    const byRegion = new Map<string, RuleView[]>();
    for (const rule of m.ofType('AWS::Events::Rule')) {
      const region = rule.region ?? '';
      const pattern = rule.props.EventPattern;
      const view: RuleView = {
        rule,
        pattern:
          typeof pattern === 'string'
            ? (JSON.parse(pattern) as Record<string, unknown>)
            : // Patterns may hold intrinsics (the partition in an ARN prefix, without CDK's feature flags).
              (m.literal(rule, pattern) as Record<string, unknown> | undefined),
        schedule: m.text(rule, rule.props.ScheduleExpression),
        onDefaultBus: isDefaultBus(m, rule),
        targets: asArray<Record<string, unknown>>(rule.props.Targets),
      };
      byRegion.set(region, [...(byRegion.get(region) ?? []), view]);
    }
    return byRegion;
  });
}

/** EventBusName absent, `default`, or the default bus's ARN (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html). */
function isDefaultBus(model: StageModel, rule: ModelResource): boolean {
  const bus = rule.props.EventBusName;
  if (bus === undefined) return true;
  const text = model.text(rule, bus);
  return text === 'default' || (text !== undefined && /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/default$/.test(text));
}

/** A rule's ARN state: ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is enabled too; absent is ENABLED. */
export function ruleEnabled(rule: ModelResource): boolean {
  const state = rule.props.State;
  return state === undefined || state === 'ENABLED' || state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
}

/** `arn:…:events:<region>:<account>:event-bus/<name>` of a target, when the target is an event bus. */
export function eventBusTarget(
  model: StageModel,
  rule: ModelResource,
  target: Record<string, unknown>,
): { region: string; name: string } | undefined {
  const arn = model.text(rule, target.Arn);
  const m = arn?.match(/^arn:[^:]+:events:([^:]+):[^:]*:event-bus\/(.+)$/);
  return m ? { region: m[1], name: m[2] } : undefined;
}
