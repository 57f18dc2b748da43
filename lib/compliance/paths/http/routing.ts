import type { ModelResource } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { ActionContext, judgeActions } from './action-judge';
import type { HttpIndex } from './http-index';
import { flippingMutations, HOP_MUTATIONS } from './hop-mutations';
import { Expectation, judgedHop, verdictOf } from './hops';
import { cannotTell, passes } from './judgement';
import { conditionsMatch } from './listener-conditions';
import { Tri, undecided } from './request';
import type { ListenerProps, ListenerRuleProps, RuleCondition } from './template-props';

/** The hops through a listener's rules to the action taken. */
type Route = HopRecord[];

const describeConditions = (conditions: readonly RuleCondition[] | undefined): string =>
  (conditions ?? [])
    .map((c) => {
      const values =
        c.PathPatternConfig?.Values ??
        c.HostHeaderConfig?.Values ??
        c.HttpRequestMethodConfig?.Values ??
        c.SourceIpConfig?.Values ??
        c.Values ??
        [];
      return `${c.Field} ${values.join(' | ')}`;
    })
    .join(' and ') || 'no conditions';

/**
 * The listener's rules as ELB evaluates them: ascending Priority, the first whose conditions all match takes the
 * request, else the listener's DefaultActions
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html). A concrete
 * path yields one route; "any path" yields one route per action some request can reach.
 */
export function route(
  index: HttpIndex,
  listener: ModelResource<ListenerProps>,
  ctx: ActionContext,
  expectation: Expectation,
): Route {
  const rules = index.rulesOf(listener);
  const matches = rules.map((r) => conditionsMatch(r.props.Conditions, ctx.request));
  const actionHop = (
    holder: ModelResource<ListenerRuleProps | ListenerProps>,
    property: 'Actions' | 'DefaultActions',
    why: string,
  ) =>
    judgedHop(
      'listener-action',
      holder,
      property,
      expectation,
      (p) => {
        const j = judgeActions(holder, actionsOf(p, property), ctx);
        return { ...j, detail: `${why}: ${j.detail}` };
      },
      HOP_MUTATIONS['listener-action'](holder, property),
    );
  return ctx.request.path === undefined
    ? anyPathRoute(listener, rules, matches, ctx, expectation)
    : concreteRoute(listener, rules, matches, ctx, expectation, actionHop);
}

type ActionHop = (
  holder: ModelResource<ListenerRuleProps | ListenerProps>,
  property: 'Actions' | 'DefaultActions',
  why: string,
) => HopRecord;

/**
 * "Any path": every action some request can reach (each rule in priority order up to the first that takes every
 * request, then the default actions), judged as one hop so that the record's id does not depend on the rules. A
 * required outcome needs every reachable action to meet it; a forbidden one happens when any reachable action does.
 */
function anyPathRoute(
  listener: ModelResource<ListenerProps>,
  rules: ModelResource<ListenerRuleProps>[],
  matches: Tri[],
  ctx: ActionContext,
  expectation: Expectation,
): Route {
  const reachable: {
    holder: ModelResource<ListenerRuleProps | ListenerProps>;
    property: 'Actions' | 'DefaultActions';
    why: string;
  }[] = [];
  let everyRequestTaken = false;
  for (const [i, rule] of rules.entries()) {
    if (matches[i] === 'no') continue;
    reachable.push({
      holder: rule,
      property: 'Actions',
      why: `rule priority ${rule.props.Priority} (${describeConditions(rule.props.Conditions)})`,
    });
    if (matches[i] === 'yes') {
      everyRequestTaken = true;
      break;
    }
  }
  if (!everyRequestTaken) reachable.push({ holder: listener, property: 'DefaultActions', why: 'default actions' });
  const judge =
    (holder: ModelResource<ListenerRuleProps | ListenerProps>, property: 'Actions' | 'DefaultActions') =>
    (p: ListenerRuleProps | ListenerProps) =>
      judgeActions(holder, actionsOf(p, property), ctx);
  const judged = reachable.map((r) => ({ ...r, judgement: judge(r.holder, r.property)(r.holder.props) }));
  const verdicts = judged.map((r) => verdictOf(r.judgement, expectation));
  const verdict =
    expectation === 'required'
      ? verdicts.every((v) => v === 'pass')
        ? 'pass'
        : 'block'
      : verdicts.some((v) => v === 'pass')
        ? 'pass'
        : 'block';
  return [
    {
      hop: 'listener-actions',
      verdict,
      detail: `${judged.length} reachable action(s): ${judged.map((r) => `${r.why}: ${r.judgement.detail}`).join('; ')}`,
      resource: listener.ref,
      property: 'Rules, DefaultActions',
      // Each flips one reachable action, which alone flips the whole (every one meets it, or none does).
      mutations: judged.flatMap((r) =>
        flippingMutations(r.holder, HOP_MUTATIONS['listener-action'](r.holder, r.property), (p) =>
          verdictOf(judge(r.holder, r.property)(p), expectation),
        ),
      ),
    },
  ];
}

const actionsOf = (p: ListenerRuleProps | ListenerProps, property: 'Actions' | 'DefaultActions') =>
  (p as Record<string, unknown>)[property] as ListenerRuleProps['Actions'];

function concreteRoute(
  listener: ModelResource<ListenerProps>,
  rules: ModelResource<ListenerRuleProps>[],
  matches: Tri[],
  ctx: ActionContext,
  expectation: Expectation,
  actionHop: ActionHop,
): Route {
  // The path's verdict with one rule's properties replaced: what a mutated condition or priority does to the route.
  const routeWith = (replaced: ModelResource<ListenerRuleProps>, props: ListenerRuleProps): 'pass' | 'block' => {
    const ordered = rules
      .map((r) => ({ r, p: r === replaced ? props : r.props }))
      .sort((a, b) => Number(a.p.Priority) - Number(b.p.Priority));
    for (const { r, p } of ordered) {
      const m = conditionsMatch(p.Conditions, ctx.request);
      if (m === 'unknown') return undecided(expectation);
      if (m === 'yes') return verdictOf(judgeActions(r, p.Actions, ctx), expectation);
    }
    return verdictOf(judgeActions(listener, listener.props.DefaultActions, ctx), expectation);
  };
  const priorities = new Set(rules.map((r) => Number(r.props.Priority)));
  const hops: HopRecord[] = [];
  for (const [i, rule] of rules.entries()) {
    const described = `rule priority ${rule.props.Priority} (${describeConditions(rule.props.Conditions)})`;
    if (matches[i] === 'no') {
      hops.push(
        judgedHop(
          'listener-rule-skipped',
          rule,
          'Conditions',
          expectation,
          () => passes(`${described} does not match`),
          HOP_MUTATIONS['listener-rule-skipped'](),
          (p) => routeWith(rule, p),
        ),
      );
      continue;
    }
    if (matches[i] === 'unknown') {
      hops.push(
        judgedHop(
          'listener-rule-match',
          rule,
          'Conditions',
          expectation,
          () => cannotTell(`whether ${described} takes the request`),
          [],
        ),
      );
      return hops;
    }
    const laterMatching = rules.slice(i + 1).find((_, j) => matches[i + 1 + j] === 'yes');
    hops.push(
      judgedHop(
        'listener-rule-match',
        rule,
        'Conditions, Priority',
        expectation,
        () => passes(`${described} is the first rule that matches`),
        HOP_MUTATIONS['listener-rule-match'](laterMatching, priorities),
        (p) => routeWith(rule, p),
      ),
    );
    hops.push(actionHop(rule, 'Actions', `rule priority ${rule.props.Priority}`));
    return hops;
  }
  hops.push(actionHop(listener, 'DefaultActions', 'no rule matches, default actions'));
  return hops;
}
