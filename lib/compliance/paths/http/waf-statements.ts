import { allOf, anyOf, HttpRequest, not, Tri } from './request';
import type { WafStatement } from './template-props';

/**
 * Whether a WAF statement matches a request, for the statements whose outcome the request fixes
 * (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statements-list.html): byte matches on the URI
 * path or method with no transformation but lowercase, and the logical statements over them. Rate-based statements
 * match no single well-behaved request, but may match some of "every request". Anything else is `unknown`.
 */
export function statementMatches(s: WafStatement | undefined, request: HttpRequest): Tri {
  if (!s) return 'unknown';
  if (s.NotStatement) return not(statementMatches(s.NotStatement.Statement, request));
  if (s.AndStatement) return allOf((s.AndStatement.Statements ?? []).map((x) => statementMatches(x, request)));
  if (s.OrStatement) return anyOf((s.OrStatement.Statements ?? []).map((x) => statementMatches(x, request)));
  if (s.RateBasedStatement) return request.everyRequest ? 'unknown' : 'no';
  if (s.ByteMatchStatement) return byteMatch(s.ByteMatchStatement, request);
  return 'unknown';
}

function byteMatch(b: NonNullable<WafStatement['ByteMatchStatement']>, request: HttpRequest): Tri {
  const transforms = (b.TextTransformations ?? []).map((t) => t.Type);
  if (transforms.some((t) => t !== 'NONE' && t !== 'LOWERCASE')) return 'unknown';
  const search = b.SearchString ?? '';
  let value: string | undefined;
  if (b.FieldToMatch?.UriPath) value = request.path;
  else if (b.FieldToMatch?.Method) value = request.method;
  else return 'unknown';
  if (value === undefined) {
    // Any path: every path starts with and contains '/'.
    return search === '/' && (b.PositionalConstraint === 'STARTS_WITH' || b.PositionalConstraint === 'CONTAINS')
      ? 'yes'
      : 'unknown';
  }
  if (transforms.includes('LOWERCASE')) value = value.toLowerCase();
  switch (b.PositionalConstraint) {
    case 'EXACTLY':
      return value === search ? 'yes' : 'no';
    case 'STARTS_WITH':
      return value.startsWith(search) ? 'yes' : 'no';
    case 'ENDS_WITH':
      return value.endsWith(search) ? 'yes' : 'no';
    case 'CONTAINS':
      return value.includes(search) ? 'yes' : 'no';
    default:
      return 'unknown';
  }
}
