import type { HttpOutcome } from '../../../core/requirements/paths/http';
import type { LocatedResource } from '../../template/platform-assembly';
import type { StageModel } from '../../template/stage-model';
import { keyOf } from './http-index';
import { blocks, cannotTell, Judgement, passes } from './judgement';
import type { HttpRequest } from './request';
import type { ListenerAction } from './template-props';

/** What an action list is judged against: the request, the outcome, and the service's target groups. */
export interface ActionContext {
  readonly model: StageModel;
  readonly request: HttpRequest;
  readonly outcome: HttpOutcome;
  /** Keys (`stack/logicalId`) of the target groups the outcome's target registers with. */
  readonly targetGroups: ReadonlySet<string>;
}

const AUTHENTICATE = new Set(['authenticate-oidc', 'authenticate-cognito']);

/**
 * What an anonymous client gets from a rule's (or the listener's default) actions, judged against the outcome. ELB
 * performs actions in ascending Order; an authenticate action whose OnUnauthenticatedRequest is not `allow` answers
 * an anonymous client itself (sign-in redirect or 401), and the last action is forward, redirect or fixed-response
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html).
 */
export function judgeActions(
  from: LocatedResource,
  actions: readonly ListenerAction[] | undefined,
  ctx: ActionContext,
): Judgement {
  const ordered = [...(actions ?? [])]
    .map((a, i) => ({ a, order: a.Order ?? i + 1 }))
    .sort((x, y) => x.order - y.order)
    .map((x) => x.a);
  const gate = ordered.find((a) => AUTHENTICATE.has(a.Type ?? ''));
  const onUnauthenticated =
    gate && (gate.AuthenticateOidcConfig ?? gate.AuthenticateCognitoConfig)?.OnUnauthenticatedRequest;
  const signInFirst = gate !== undefined && onUnauthenticated !== 'allow';
  const final = ordered.filter((a) => !AUTHENTICATE.has(a.Type ?? '')).pop();
  if (!final) return cannotTell('no forward, redirect or fixed-response action');
  const outcome = ctx.outcome;
  if (signInFirst && outcome.kind !== 'served') {
    return blocks(
      `${gate.Type} answers anonymous requests (OnUnauthenticatedRequest ${onUnauthenticated ?? 'authenticate'})`,
    );
  }
  switch (outcome.kind) {
    case 'forward':
      return judgeForward(from, final, ctx);
    case 'fixed-response':
      return judgeFixedResponse(final, outcome);
    case 'redirect-https':
      return judgeRedirect(final, ctx.request);
    case 'served':
      if (final.Type === 'forward' || final.Type === 'fixed-response') {
        return passes(`${final.Type}${signInFirst ? ' after sign-in' : ''}: the request is served`);
      }
      return final.Type === 'redirect'
        ? blocks('answered with a redirect only, nothing served')
        : cannotTell(`action type ${final.Type}`);
    default:
      return cannotTell(`outcome ${outcome.kind} is not decided by actions`);
  }
}

function judgeForward(from: LocatedResource, action: ListenerAction, ctx: ActionContext): Judgement {
  if (action.Type !== 'forward') return blocks(`${action.Type ?? 'no'} action, not forward`);
  const arns =
    action.TargetGroupArn !== undefined
      ? [action.TargetGroupArn]
      : (action.ForwardConfig?.TargetGroups ?? []).filter((t) => t.Weight !== 0).map((t) => t.TargetGroupArn);
  if (arns.length === 0) return blocks('forward to no target group');
  const others = arns.filter((arn) => {
    const tg = ctx.model.resolve(from, arn);
    return !tg || !ctx.targetGroups.has(keyOf(tg));
  });
  return others.length === 0
    ? passes(`forward to the service's target group`)
    : blocks(`forward to ${others.length} target group(s) that are not the service's`);
}

function judgeFixedResponse(action: ListenerAction, outcome: Extract<HttpOutcome, { kind: 'fixed-response' }>) {
  if (action.Type !== 'fixed-response') return blocks(`${action.Type ?? 'no'} action, not a fixed response`);
  const cfg = action.FixedResponseConfig ?? {};
  if (cfg.StatusCode !== outcome.statusCode)
    return blocks(`fixed response status ${cfg.StatusCode}, not ${outcome.statusCode}`);
  if (cfg.ContentType !== outcome.contentType)
    return blocks(`content type ${cfg.ContentType}, not ${outcome.contentType}`);
  const body = cfg.MessageBody ?? '';
  const missing = outcome.bodyFields.filter((f) => !new RegExp(`^${f}:[ \\t]*\\S`, 'm').test(body));
  return missing.length
    ? blocks(`fixed response body lacks ${missing.join(', ')}`)
    : passes(`fixed response ${cfg.StatusCode} ${cfg.ContentType} with ${outcome.bodyFields.join(', ')}`);
}

function judgeRedirect(action: ListenerAction, request: HttpRequest): Judgement {
  if (action.Type !== 'redirect') return blocks(`${action.Type ?? 'no'} action, not a redirect`);
  const cfg = action.RedirectConfig ?? {};
  // `#{protocol}` and `#{port}` keep the request's own (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions).
  const protocol =
    cfg.Protocol === '#{protocol}' || cfg.Protocol === undefined ? request.scheme.toUpperCase() : cfg.Protocol;
  const port = cfg.Port === '#{port}' || cfg.Port === undefined ? String(request.port) : cfg.Port;
  if (protocol !== 'HTTPS') return blocks(`redirect to ${protocol}, not HTTPS`);
  if (port !== '443') return blocks(`redirect to port ${port}, not 443`);
  if (cfg.StatusCode !== 'HTTP_301' && cfg.StatusCode !== 'HTTP_302')
    return blocks(`redirect status ${cfg.StatusCode}`);
  if (cfg.Host !== undefined && cfg.Host !== '#{host}') return cannotTell(`redirect to host ${cfg.Host}`);
  return passes(`redirect ${cfg.StatusCode} to https on 443, same host`);
}
