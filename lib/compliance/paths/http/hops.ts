import { protocolsOfSecurityPolicy } from '../../../core/requirements/elb-security-policies';
import { HSTS_LISTENER_ATTRIBUTE, MIN_HSTS_MAX_AGE_SECONDS } from '../../../core/requirements/transit';
import type { ModelResource } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { Candidate, flippingMutations, HttpHopKind } from './hop-mutations';
import { blocks, cannotTell, Judgement, passes } from './judgement';
import { HttpRequest, undecided } from './request';
import type { ListenerProps, LoadBalancerProps } from './template-props';

export type Expectation = 'required' | 'forbidden';

export const verdictOf = (j: Judgement, expectation: Expectation): 'pass' | 'block' =>
  j.verdict === 'unknown' ? undecided(expectation) : j.verdict;

/**
 * One hop: the judge's verdict on the resource's properties, and the candidate mutations that flip `flipJudge` (the
 * hop's own judge unless the hop changes the path through another, as a rule's priority does).
 */
export function judgedHop<P>(
  hop: HttpHopKind,
  resource: ModelResource<P>,
  property: string,
  expectation: Expectation,
  judge: (props: P) => Judgement,
  candidates: readonly Candidate[],
  flipJudge: (props: P) => 'pass' | 'block' = (p) => verdictOf(judge(p), expectation),
): HopRecord {
  const judgement = judge(resource.props);
  return {
    hop,
    verdict: verdictOf(judgement, expectation),
    detail: judgement.detail,
    resource: resource.ref,
    property,
    mutations: flippingMutations(resource, candidates, flipJudge),
  };
}

/** A hop decided without a resource to mutate (nothing on the port, no association). */
export function bareHop(
  hop: HttpHopKind,
  judgement: Judgement,
  expectation: Expectation,
  at?: ModelResource<unknown>,
  property?: string,
): HopRecord {
  return { hop, verdict: verdictOf(judgement, expectation), detail: judgement.detail, resource: at?.ref, property };
}

/** The load balancer takes connections from the internet only when internet-facing (the default Scheme). */
export function judgeScheme(p: LoadBalancerProps): Judgement {
  if (p.Type !== undefined && p.Type !== 'application') return cannotTell(`load balancer Type ${p.Type}`);
  return (p.Scheme ?? 'internet-facing') === 'internet-facing'
    ? passes('internet-facing application load balancer')
    : blocks(`Scheme ${p.Scheme}: not reachable from the internet`);
}

/** The listener on the request's port speaks the request's protocol. */
export function judgeListener(request: HttpRequest): (p: ListenerProps) => Judgement {
  const protocol = request.scheme.toUpperCase();
  return (p) => {
    if (Number(p.Port) !== request.port)
      return blocks(`listener moved to port ${p.Port}: nothing listens on ${request.port}`);
    return p.Protocol === protocol
      ? passes(`${p.Protocol} listener on ${p.Port}`)
      : blocks(`${p.Protocol} listener on ${p.Port}: a ${request.scheme} request fails there`);
  };
}

/**
 * The TLS versions the listener's SslPolicy accepts, from core's table of AWS's security policies. CloudFormation
 * applies ELBSecurityPolicy-2016-08 to an HTTPS listener with no SslPolicy.
 */
export function judgeTls(tls: string): (p: ListenerProps) => Judgement {
  return (p) => {
    if (p.Protocol !== 'HTTPS') return blocks(`Protocol ${p.Protocol}: no TLS handshake at all`);
    const policy = p.SslPolicy ?? 'ELBSecurityPolicy-2016-08';
    const protocols = protocolsOfSecurityPolicy(policy);
    if (!protocols) return cannotTell(`SslPolicy ${policy} is not in core's table of ELB security policies`);
    return protocols.includes(tls as never)
      ? passes(`${policy} accepts ${tls} (${protocols.join(', ')})`)
      : blocks(`${policy} refuses ${tls} (accepts ${protocols.join(', ')})`);
  };
}

/** The listener attribute that makes ELB add Strict-Transport-Security to its responses, with a long enough max-age. */
export function judgeHsts(p: ListenerProps): Judgement {
  const value = (p.ListenerAttributes ?? []).find((a) => a.Key === HSTS_LISTENER_ATTRIBUTE)?.Value;
  if (value === undefined) return blocks(`no ${HSTS_LISTENER_ATTRIBUTE}: responses carry no HSTS header`);
  if (typeof value !== 'string') return cannotTell(`${HSTS_LISTENER_ATTRIBUTE} is not a literal`);
  const maxAge = Number(/max-age=(\d+)/i.exec(value)?.[1] ?? 0);
  return maxAge >= MIN_HSTS_MAX_AGE_SECONDS
    ? passes(`Strict-Transport-Security: ${value}`)
    : blocks(`Strict-Transport-Security max-age ${maxAge} < ${MIN_HSTS_MAX_AGE_SECONDS}`);
}
