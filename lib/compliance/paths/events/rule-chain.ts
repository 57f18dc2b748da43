import type { PlatformRole } from '../../../core/platform-roles';
import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { matchesPattern } from './event-pattern';
import { eventBusTarget, ruleEnabled, RuleView, rulesByRegion } from './event-rules';
import { forwardRoleHop } from './forward-role';
import { HOP_MUTATIONS } from './hop-mutations';
import { rejectingLeaves, matchedLeaf } from './pattern-leaves';
import { scheduleHop } from './schedule';
import { sourceArnOf, topicDeliveryHops } from './topic-delivery';

/** What a chain of hops carries: the event (or scheduled event) and where it must end. */
export interface Delivery {
  readonly model: StageModel;
  readonly destination: ModelResource;
  readonly event: Record<string, unknown>;
  /** A scheduled event: the rule's own schedule decides instead of a pattern, and a constant Input is the message. */
  readonly scheduled: boolean;
  /** The roles of the rules still to travel, in order (EventRulePath.through); absent: any rule. */
  readonly through?: readonly PlatformRole[];
}

/** One rule's hops for an event. */
export interface RuleChain {
  readonly view: RuleView;
  readonly hops: HopRecord[];
}

/**
 * The chains of the rules in `region` that listen to the event's source (the only ones that could ever carry it),
 * each from bus to subscription.
 */
export function landingChains(delivery: Delivery, region: string, forwarded = false): RuleChain[] {
  const role = delivery.through?.[0];
  return (rulesByRegion(delivery.model).get(region) ?? [])
    .filter((v) => role === undefined || v.rule.roles.includes(role))
    .filter((v) => v.pattern !== undefined && listensToSource(v.pattern, delivery.event))
    .map((view) => ({ view, hops: ruleChain(delivery, view, forwarded) }));
}

/** " of role X" when the delivery must take a rule of a role next, for the words of a hop that finds none. */
export function ofRole(delivery: Delivery): string {
  const role = delivery.through?.[0];
  return role === undefined ? '' : ` of role ${role}`;
}

function listensToSource(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  if (pattern.source === undefined) return true;
  try {
    return matchesPattern({ source: pattern.source }, event);
  } catch {
    return true;
  }
}

/** The chain that delivers, or else the one that gets furthest (see `further`). */
export function bestChain(chains: readonly RuleChain[]): HopRecord[] | undefined {
  const passing = chains.find((c) => c.hops.every((h) => h.verdict === 'pass'));
  if (passing) return passing.hops;
  let best: HopRecord[] | undefined;
  for (const c of chains) if (!best || further(c.hops, best)) best = c.hops;
  return best;
}

/**
 * Whether `a` gets further than `b`: its first block comes later (the hops after a block are what would follow,
 * not what happens), then more hops pass. A disabled rule that matched thus outranks a rule whose pattern rejected.
 */
function further(a: readonly HopRecord[], b: readonly HopRecord[]): boolean {
  const reach = (chain: readonly HopRecord[]) => {
    const i = chain.findIndex((h) => h.verdict === 'block');
    return i < 0 ? chain.length : i;
  };
  const passes = (chain: readonly HopRecord[]) => chain.filter((h) => h.verdict === 'pass').length;
  return reach(a) !== reach(b) ? reach(a) > reach(b) : passes(a) > passes(b);
}

/** One rule's hops for the event: bus, pattern (or schedule), state, target, input, then forward or topic. */
export function ruleChain(delivery: Delivery, view: RuleView, forwarded = false): HopRecord[] {
  const { model, destination, event } = delivery;
  const rule = view.rule;
  const hops: HopRecord[] = [
    {
      hop: 'event-rule-bus',
      verdict: view.onDefaultBus ? 'pass' : 'block',
      detail: view.onDefaultBus
        ? `on the default bus of ${rule.region}`
        : `on bus ${model.text(rule, rule.props.EventBusName) ?? '(unresolved)'}, where AWS services put no events`,
      resource: rule.ref,
      property: 'EventBusName',
      mutations: view.onDefaultBus ? HOP_MUTATIONS['event-rule-bus'](rule) : undefined,
    },
    delivery.scheduled ? scheduleHop(model, rule) : patternHop(rule, view.pattern, event),
    {
      hop: 'event-rule-state',
      verdict: ruleEnabled(rule) ? 'pass' : 'block',
      detail: `State ${String(rule.props.State ?? 'ENABLED (default)')}`,
      resource: rule.ref,
      property: 'State',
      mutations: HOP_MUTATIONS['event-rule-state'](rule, ruleEnabled(rule)),
    },
  ];
  // A rule that must hand the event to a further rule (through) reaches the destination only through it.
  const mustForward = (delivery.through?.length ?? 0) > 1;
  const toTopic = mustForward
    ? -1
    : view.targets.findIndex((t) => {
        const r = model.resolve(rule, t.Arn);
        return r?.stackName === destination.stackName && r.logicalId === destination.logicalId;
      });
  // The last rule of `through` sends to the destination itself.
  const forwardIndex =
    forwarded || delivery.through?.length === 1
      ? -1
      : view.targets.findIndex((t) => {
          const bus = eventBusTarget(model, rule, t);
          return bus !== undefined && bus.name === 'default' && bus.region !== rule.region;
        });
  const index = toTopic >= 0 ? toTopic : forwardIndex;
  if (index < 0) {
    hops.push({
      hop: 'event-rule-target',
      verdict: 'block',
      detail: mustForward
        ? `no target is another region's default bus, where a rule of role ${delivery.through?.[1]} would take it`
        : `no target is the ${destination.type} ${destination.logicalId} or another region's default bus`,
      resource: rule.ref,
      property: 'Targets',
    });
    return hops;
  }
  const target = view.targets[index];
  hops.push({
    hop: 'event-rule-target',
    verdict: 'pass',
    detail:
      toTopic >= 0
        ? `Targets[${index}] is the alert topic`
        : `Targets[${index}] is the default bus of ${eventBusTarget(model, rule, target)?.region}`,
    resource: rule.ref,
    property: `Targets[${index}].Arn`,
    mutations: HOP_MUTATIONS['event-rule-target'](rule, index),
  });
  const input = inputHop(rule, target, index, event, delivery.scheduled);
  hops.push(input.hop);
  if (toTopic < 0) {
    const bus = eventBusTarget(model, rule, target)!;
    hops.push(forwardRoleHop(model, rule, target, index));
    // Forwarded events keep their source and detail; the rules of the receiving bus match them again.
    const onward: Delivery = { ...delivery, through: delivery.through?.slice(1) };
    const next = bestChain(landingChains(onward, bus.region, true));
    if (!next) {
      hops.push({
        hop: 'event-rule-pattern',
        verdict: 'block',
        detail: `no rule${ofRole(onward)} on the default bus of ${bus.region}`,
        property: 'EventPattern',
      });
      return hops;
    }
    return [...hops, ...next];
  }
  return [
    ...hops,
    ...topicDeliveryHops(model, destination, {
      service: 'events.amazonaws.com',
      source: rule,
      sourceArn: sourceArnOf(model, rule),
      message: input.message,
    }),
  ];
}

function patternHop(
  rule: ModelResource,
  pattern: Record<string, unknown> | undefined,
  event: Record<string, unknown>,
): HopRecord {
  const base = { hop: 'event-rule-pattern', resource: rule.ref, property: 'EventPattern' } as const;
  if (!pattern) return { ...base, verdict: 'block', detail: 'no event pattern' };
  let matched: boolean;
  try {
    matched = matchesPattern(pattern, event);
  } catch (e) {
    return { ...base, verdict: 'block', detail: `pattern not evaluated: ${(e as Error).message}` };
  }
  const editable = typeof rule.props.EventPattern === 'object';
  if (matched) {
    const leaf = editable ? matchedLeaf(pattern) : undefined;
    return {
      ...base,
      verdict: 'pass',
      detail: `pattern ${JSON.stringify(pattern)} matches`,
      mutations: leaf ? HOP_MUTATIONS['event-rule-pattern-matched'](rule, leaf.path, leaf.values) : undefined,
    };
  }
  const leaves = editable ? rejectingLeaves(pattern, event) : [];
  return {
    ...base,
    verdict: 'block',
    detail: `pattern ${JSON.stringify(pattern)} does not match${leaves.length ? ` (it would without ${leaves.map((l) => l.join('.')).join(' or ')})` : ''}`,
    mutations: leaves.length ? HOP_MUTATIONS['event-rule-pattern-rejected'](rule, leaves) : undefined,
  };
}

/**
 * What the target sends: the whole event (no Input), a constant (Input), a part (InputPath) or a template
 * (InputTransformer) (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
 */
function inputHop(
  rule: ModelResource,
  target: Record<string, unknown>,
  index: number,
  event: Record<string, unknown>,
  scheduled: boolean,
): { hop: HopRecord; message: unknown } {
  const base = { hop: 'event-target-input', resource: rule.ref, property: `Targets[${index}].Input` } as const;
  const mutations = HOP_MUTATIONS['event-target-input'](rule, index);
  if (typeof target.Input === 'string') {
    let message: unknown = target.Input;
    try {
      message = JSON.parse(target.Input);
    } catch {
      // Input is JSON text; anything else is sent as it is.
    }
    if (message === '' || target.Input.trim() === '') {
      return { hop: { ...base, verdict: 'block', detail: 'Input is an empty message, which SNS rejects' }, message };
    }
    if (!scheduled) {
      return {
        hop: {
          ...base,
          verdict: 'block',
          detail: 'Input replaces the event with constant text: the person never learns what happened',
        },
        message,
      };
    }
    return { hop: { ...base, verdict: 'pass', detail: `Input sends: ${JSON.stringify(message)}`, mutations }, message };
  }
  if (typeof target.InputPath === 'string') {
    const part = jsonPath(event, target.InputPath);
    return {
      hop:
        part === undefined
          ? {
              ...base,
              verdict: 'block',
              detail: `InputPath ${target.InputPath} is not in the event`,
              property: `Targets[${index}].InputPath`,
            }
          : {
              ...base,
              verdict: 'pass',
              detail: `InputPath ${target.InputPath} sends part of the event`,
              property: `Targets[${index}].InputPath`,
              mutations,
            },
      message: part,
    };
  }
  const transformer = target.InputTransformer as Record<string, unknown> | undefined;
  if (transformer) {
    const ok = typeof transformer.InputTemplate === 'string' && transformer.InputTemplate.trim() !== '';
    return {
      hop: {
        ...base,
        verdict: ok ? 'pass' : 'block',
        detail: ok ? 'InputTransformer sends its template with the event fields' : 'InputTransformer has no template',
        property: `Targets[${index}].InputTransformer`,
        mutations: ok ? mutations : undefined,
      },
      message: undefined,
    };
  }
  return { hop: { ...base, verdict: 'pass', detail: 'no Input: the whole event is sent', mutations }, message: event };
}

function jsonPath(event: unknown, path: string): unknown {
  if (path === '$') return event;
  if (!path.startsWith('$.')) return undefined;
  let node: unknown = event;
  for (const k of path.slice(2).split('.'))
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
  return node;
}
