import { allOf, anyOf, HttpRequest, Tri } from './request';
import type { RuleCondition } from './template-props';

/**
 * Whether a listener rule's conditions take a request, as ELB documents them
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html): every condition
 * must match, any one value of a condition matches; path patterns are case-sensitive, host headers are not; `*`
 * matches any run of characters and `?` exactly one. The host is the platform's domain, which the templates do not
 * name, so only a `*` host pattern is known to match it; a condition on anything the client chooses freely (other
 * headers, the source address) is `unknown` unless it matches everything.
 */
export function conditionsMatch(conditions: readonly RuleCondition[] | undefined, request: HttpRequest): Tri {
  return allOf((conditions ?? []).map((c) => conditionMatches(c, request)));
}

export function conditionMatches(c: RuleCondition, request: HttpRequest): Tri {
  switch (c.Field) {
    case 'path-pattern':
      if (c.PathPatternConfig?.RegexValues?.length) return 'unknown';
      return anyOf((c.PathPatternConfig?.Values ?? c.Values ?? []).map((v) => pathPatternMatches(v, request.path)));
    case 'host-header':
      if (c.HostHeaderConfig?.RegexValues?.length) return 'unknown';
      return anyOf((c.HostHeaderConfig?.Values ?? c.Values ?? []).map((v) => (v === '*' ? 'yes' : 'unknown')));
    case 'http-request-method':
      return (c.HttpRequestMethodConfig?.Values ?? c.Values ?? []).includes(request.method) ? 'yes' : 'no';
    case 'query-string':
      // A concrete path here carries no query string; for any request, some may carry the key.
      return request.path === undefined ? 'unknown' : 'no';
    case 'source-ip':
      return (c.SourceIpConfig?.Values ?? []).some((v) => v === '0.0.0.0/0') ? 'yes' : 'unknown';
    default:
      return 'unknown';
  }
}

/** A path pattern against a path; any path (undefined) is matched for sure only by patterns every path matches. */
export function pathPatternMatches(pattern: string, path: string | undefined): Tri {
  if (path === undefined) return pattern === '*' || pattern === '/*' ? 'yes' : 'unknown';
  return wildcard(pattern, false).test(path) ? 'yes' : 'no';
}

const cache = new Map<string, RegExp>();

function wildcard(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    cache.set(key, re);
  }
  return re;
}
