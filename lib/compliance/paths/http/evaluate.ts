import type { HttpOutcome, HttpPathRequirement } from '../../../core/requirements/paths/http';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { HopRecord, pathRecord, PathRecord } from '../path-record';
import type { ActionContext } from './action-judge';
import { httpIndex, HttpIndex, keyOf } from './http-index';
import { HOP_MUTATIONS } from './hop-mutations';
import { bareHop, Expectation, judgeHsts, judgedHop, judgeListener, judgeScheme, judgeTls } from './hops';
import { blocks, cannotTell } from './judgement';
import { describeRequest, HttpRequest, requestsOf } from './request';
import { route } from './routing';
import type { EcsServiceProps, LoadBalancerProps } from './template-props';
import { wafInspectionHops, webAclDecisionHop } from './waf-inspection';

const OUTCOME_WORDS: Record<HttpOutcome['kind'], string> = {
  forward: 'forwarded to the service',
  'redirect-https': 'answered only with a redirect to https on 443',
  'fixed-response': 'answered by the load balancer itself',
  served: 'forwarded or answered with content',
  'tls-handshake': 'TLS handshake accepted',
  hsts: 'response carries Strict-Transport-Security',
  'waf-inspection': 'inspected by the web ACL',
};

/** Every record of one HTTP requirement on one environment: one per TLS version offered or managed rule group. */
export function evaluateHttpRequirement(model: StageModel, requirement: HttpPathRequirement): PathRecord[] {
  const lb = model.theOne<LoadBalancerProps>('load-balancer');
  const index = httpIndex(model);
  const outcome = requirement.outcome;
  const expectation = requirement.expectation;
  const requests = requestsOf(requirement);
  if (outcome.kind === 'waf-inspection') {
    const request = requests[0];
    return outcome.managedRuleGroups.map((group) =>
      pathRecord(
        model,
        requirement,
        'http',
        `${describeRequest(request)}: inspected by AWS ${group}, blocking`,
        wafInspectionHops(model, index, lb, group, request, expectation),
        group,
      ),
    );
  }
  const targetGroups =
    outcome.kind === 'forward'
      ? targetGroupsOf(model, model.theOne<EcsServiceProps>(outcome.targetRole))
      : new Set<string>();
  return requests.map((request) => {
    const subject = `${describeRequest(request)}: ${OUTCOME_WORDS[outcome.kind]}`;
    const ctx: ActionContext = { model, request, outcome, targetGroups };
    return pathRecord(model, requirement, 'http', subject, walk(model, index, lb, ctx, expectation), request.tls);
  });
}

/** The keys of the target groups the resource (an ECS service) registers its tasks with. */
function targetGroupsOf(model: StageModel, service: ModelResource<EcsServiceProps>): Set<string> {
  return new Set(
    model
      .resolveAll(
        service,
        (service.props.LoadBalancers ?? []).map((l) => l.TargetGroupArn),
      )
      .map(keyOf),
  );
}

/** The request's hops in the order ELB meets them: load balancer, listener, TLS, then what the outcome asks about. */
function walk(
  model: StageModel,
  index: HttpIndex,
  lb: ModelResource<LoadBalancerProps>,
  ctx: ActionContext,
  expectation: Expectation,
): HopRecord[] {
  const request: HttpRequest = ctx.request;
  const hops: HopRecord[] = [
    judgedHop(
      'load-balancer-scheme',
      lb,
      'Scheme',
      expectation,
      judgeScheme,
      HOP_MUTATIONS['load-balancer-scheme'](lb),
    ),
  ];
  const stopped = () => hops[hops.length - 1].verdict !== 'pass';
  const onPort = index.listenersOf(lb).filter((l) => Number(l.props.Port) === request.port);
  if (onPort.length !== 1) {
    const judgement = onPort.length
      ? cannotTell(`${onPort.length} listeners on port ${request.port}`)
      : blocks(`no listener on port ${request.port}: the connection is refused`);
    return [...hops, bareHop('listener', judgement, expectation, lb, 'Listeners')];
  }
  const listener = onPort[0];
  hops.push(
    judgedHop(
      'listener',
      listener,
      'Port, Protocol',
      expectation,
      judgeListener(request),
      HOP_MUTATIONS.listener(listener),
    ),
  );
  if (stopped()) return hops;
  if (request.tls) {
    hops.push(
      judgedHop('tls-policy', listener, 'SslPolicy', expectation, judgeTls(request.tls), HOP_MUTATIONS['tls-policy']()),
    );
    if (stopped()) return hops;
  }
  const outcome = ctx.outcome.kind;
  if (outcome === 'tls-handshake') return hops;
  if (outcome === 'hsts') {
    hops.push(
      judgedHop(
        'hsts-header',
        listener,
        'ListenerAttributes',
        expectation,
        judgeHsts,
        HOP_MUTATIONS['hsts-header'](listener),
      ),
    );
    return hops;
  }
  if (request.scheme === 'https' && (outcome === 'forward' || outcome === 'fixed-response')) {
    hops.push(webAclDecisionHop(model, index, lb, request, expectation));
    if (stopped()) return hops;
  }
  return [...hops, ...route(index, listener, ctx, expectation)];
}
