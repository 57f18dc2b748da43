import { asArray } from '../../template/template-values';
import type { ModelResource, StageModel } from '../../template/stage-model';

/**
 * A strict reader of policy statements for one service principal's request: today the forwarding role's trust of
 * EventBridge (forward-role.ts). The alert topic's policy and its key policy are judged by the IAM policy engine
 * instead (topic-authorization.ts). It decides only what it can read for certain: an Allow counts when its
 * principal, action, resource and every condition are known to hold; a Deny counts unless it is known not to apply
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). Service principals
 * get nothing from identity policies, so a statement naming the account root does not grant them.
 */
export interface ServiceRequest {
  readonly service: string;
  /** Actions that must all be allowed (`sns:Publish`; `kms:GenerateDataKey`, `kms:Decrypt`). */
  readonly actions: readonly string[];
  /** The resource the request is on, or undefined for a key policy (`Resource: *` is the key itself). */
  readonly resource?: ModelResource;
  /**
   * The statements are a role's trust policy, whose statements name no resource (the role itself is it).
   * @default false
   */
  readonly trustPolicy?: boolean;
  readonly account: string | undefined;
  /** The rule or alarm the request comes from, for aws:SourceArn. */
  readonly source: ModelResource;
  readonly sourceArn: string;
}

export interface PolicyReading {
  readonly allowed: boolean;
  /** Indexes of the statements that allow (what a mutation removes). */
  readonly allowing: number[];
  readonly detail: string;
}

type Tri = true | false | undefined;

export function readPolicy(
  model: StageModel,
  holder: ModelResource,
  statements: readonly unknown[],
  request: ServiceRequest,
): PolicyReading {
  const allowing = new Set<number>();
  const denials: string[] = [];
  for (const action of request.actions) {
    let allowedHere = false;
    statements.forEach((raw, index) => {
      const s = (raw ?? {}) as Record<string, unknown>;
      const applies = statementApplies(model, holder, s, request, action);
      if (s.Effect === 'Deny' && applies !== false)
        denials.push(
          `statement ${index} (${String(s.Sid ?? 'no Sid')}) denies ${action}${applies === undefined ? ' unless a condition the reader cannot judge fails' : ''}`,
        );
      if (s.Effect === 'Allow' && applies === true) {
        allowedHere = true;
        allowing.add(index);
      }
    });
    if (!allowedHere) {
      return { allowed: false, allowing: [...allowing], detail: `no statement allows ${request.service} ${action}` };
    }
  }
  if (denials.length > 0) return { allowed: false, allowing: [...allowing], detail: denials.join('; ') };
  return {
    allowed: true,
    allowing: [...allowing],
    detail: `statement${allowing.size > 1 ? 's' : ''} ${[...allowing].join(', ')} allow ${request.service} ${request.actions.join(', ')}`,
  };
}

function statementApplies(
  model: StageModel,
  holder: ModelResource,
  s: Record<string, unknown>,
  request: ServiceRequest,
  action: string,
): Tri {
  const principal = principalMatches(s, request.service);
  const act = actionMatches(s, action);
  const res = resourceMatches(model, holder, s, request);
  const cond = conditionsHold(model, holder, s.Condition, request);
  return and(principal, act, res, cond);
}

function and(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}

function principalMatches(s: Record<string, unknown>, service: string): Tri {
  if ('NotPrincipal' in s) return undefined;
  const p = s.Principal;
  if (p === '*') return true;
  if (!p || typeof p !== 'object') return false;
  const byType = p as Record<string, unknown>;
  if (asArray<unknown>(byType.AWS).includes('*')) return true;
  return asArray<unknown>(byType.Service).includes(service);
}

function actionMatches(s: Record<string, unknown>, action: string): Tri {
  if ('NotAction' in s)
    return !asArray<unknown>(s.NotAction).some((a) => typeof a === 'string' && globMatches(a, action, true));
  return asArray<unknown>(s.Action).some((a) => typeof a === 'string' && globMatches(a, action, true));
}

function resourceMatches(
  model: StageModel,
  holder: ModelResource,
  s: Record<string, unknown>,
  request: ServiceRequest,
): Tri {
  if ('NotResource' in s) return undefined;
  if (request.trustPolicy) return s.Resource === undefined ? true : undefined;
  const resources = asArray<unknown>(s.Resource);
  if (resources.includes('*')) return true;
  if (!request.resource) return false;
  const target = request.resource;
  let unknown = false;
  for (const r of resources) {
    const resolved = model.resolve(holder, r);
    if (resolved) {
      if (resolved.stackName === target.stackName && resolved.logicalId === target.logicalId) return true;
      continue;
    }
    unknown = true;
  }
  return unknown ? undefined : false;
}

const EVALUATED_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:securetransport']);

function conditionsHold(model: StageModel, holder: ModelResource, condition: unknown, request: ServiceRequest): Tri {
  if (condition === undefined) return true;
  if (!condition || typeof condition !== 'object') return undefined;
  const results: Tri[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    for (const [key, expected] of Object.entries((block ?? {}) as Record<string, unknown>)) {
      results.push(conditionHolds(model, holder, operator, key.toLowerCase(), asArray<unknown>(expected), request));
    }
  }
  return and(...results);
}

function conditionHolds(
  model: StageModel,
  holder: ModelResource,
  operator: string,
  key: string,
  expected: unknown[],
  request: ServiceRequest,
): Tri {
  if (!EVALUATED_KEYS.has(key)) return undefined;
  if (key === 'aws:securetransport') {
    // EventBridge and CloudWatch call SNS and KMS over TLS.
    return operator === 'Bool' ? expected.some((e) => String(e) === 'true') : undefined;
  }
  const actual = key === 'aws:sourceaccount' ? request.account : request.sourceArn;
  if (actual === undefined) return undefined;
  const like = operator === 'StringLike' || operator === 'ArnLike';
  const equals = operator === 'StringEquals' || operator === 'ArnEquals';
  if (!like && !equals) return undefined;
  let unknown = false;
  for (const e of expected) {
    const pointsAt = key === 'aws:sourcearn' ? model.resolve(holder, e) : undefined;
    if (pointsAt) {
      if (pointsAt.stackName === request.source.stackName && pointsAt.logicalId === request.source.logicalId)
        return true;
      continue;
    }
    const text = model.text(holder, e);
    if (text === undefined) {
      unknown = true;
      continue;
    }
    // A generated rule or alarm name is not known from the template: an exact ARN cannot be confirmed.
    if (actual.includes(GENERATED) && !(like && globMatches(text, actual, false))) {
      unknown = true;
      continue;
    }
    if (like ? globMatches(text, actual, false) : text === actual) return true;
  }
  return unknown ? undefined : false;
}

/** Stands for a physical name CloudFormation generates at deploy time. */
export const GENERATED = '<generated>';

function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}
