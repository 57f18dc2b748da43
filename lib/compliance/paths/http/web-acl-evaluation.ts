import { blocks, cannotTell, Judgement, passes } from './judgement';
import type { HttpRequest } from './request';
import type { ManagedRuleGroupStatement, WafAction, WafRule, WebAclProps } from './template-props';
import { statementMatches } from './waf-statements';

/**
 * A web ACL's rules as WAF evaluates them: ascending Priority, the first terminating action (Allow, Block, and
 * Captcha or Challenge without a token) ends evaluation, Count does not; a request no rule terminates gets the
 * DefaultAction (https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-processing-order.html).
 */
export function rulesByPriority(acl: WebAclProps): WafRule[] {
  return [...(acl.Rules ?? [])].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
}

const actionName = (a: WafAction | undefined): string => Object.keys(a ?? {})[0] ?? 'none';
const isGroup = (r: WafRule): boolean =>
  r.Statement?.ManagedRuleGroupStatement !== undefined || r.Statement?.RuleGroupReferenceStatement !== undefined;

/**
 * Whether the web ACL lets a well-behaved request through. Rule groups are taken not to match it: AWS managed
 * groups match known-bad sources and payloads, which the requirement's sample request is not.
 */
export function benignRequestAllowed(acl: WebAclProps, request: HttpRequest): Judgement {
  for (const rule of rulesByPriority(acl)) {
    if (isGroup(rule)) continue;
    const action = actionName(rule.Action);
    if (action === 'Count') continue;
    const match = statementMatches(rule.Statement, request);
    if (match === 'no') continue;
    if (action === 'Allow') {
      if (match === 'yes') return passes(`rule ${rule.Name} (priority ${rule.Priority}) allows it`);
      continue;
    }
    return match === 'yes'
      ? blocks(`rule ${rule.Name} (priority ${rule.Priority}) answers it with ${action}`)
      : cannotTell(`whether rule ${rule.Name} (priority ${rule.Priority}, ${action}) matches it`);
  }
  const fallback = actionName(acl.DefaultAction);
  return fallback === 'Allow'
    ? passes('no rule terminates it; DefaultAction Allow')
    : blocks(`no rule terminates it; DefaultAction ${fallback}`);
}

/** The rule that runs an AWS managed rule group, the first by priority. */
export function managedGroupRule(acl: WebAclProps, groupName: string): WafRule | undefined {
  return rulesByPriority(acl).find(
    (r) =>
      r.Statement?.ManagedRuleGroupStatement?.VendorName === 'AWS' &&
      r.Statement.ManagedRuleGroupStatement.Name === groupName,
  );
}

export function managedGroupIndex(acl: WebAclProps, groupName: string): number {
  const rule = managedGroupRule(acl, groupName);
  return rule ? (acl.Rules ?? []).indexOf(rule) : -1;
}

/** The group is present and its OverrideAction is None: its rules' own Block actions stand. */
export function groupEnforced(acl: WebAclProps, groupName: string): Judgement {
  const rule = managedGroupRule(acl, groupName);
  if (!rule) return blocks(`no rule runs AWS ${groupName}`);
  if (rule.OverrideAction?.None !== undefined && rule.OverrideAction.Count === undefined) {
    return passes(`rule ${rule.Name} (priority ${rule.Priority}) runs AWS ${groupName} with OverrideAction None`);
  }
  return blocks(
    `rule ${rule.Name} runs AWS ${groupName} with OverrideAction ${actionName(rule.OverrideAction)}: matches are only counted`,
  );
}

/** No rule before the group ends evaluation with Allow for any request the group would have seen. */
export function nothingAllowedBeforeGroup(acl: WebAclProps, groupName: string, request: HttpRequest): Judgement {
  const rule = managedGroupRule(acl, groupName);
  if (!rule) return blocks(`no rule runs AWS ${groupName}`);
  for (const earlier of rulesByPriority(acl)) {
    if (earlier === rule) break;
    if (isGroup(earlier) || actionName(earlier.Action) !== 'Allow') continue;
    const match = statementMatches(earlier.Statement, request);
    if (match !== 'no') {
      return blocks(
        `rule ${earlier.Name} (priority ${earlier.Priority}) allows ${match === 'yes' ? 'every request' : 'some requests'} before ${groupName} sees them`,
      );
    }
  }
  return passes(`no rule before priority ${rule.Priority} allows a request past ${groupName}`);
}

/** No rule of the group is switched off by an override to Count (or Allow), nor excluded. */
export function noRuleSwitchedOff(acl: WebAclProps, groupName: string): Judgement {
  const statement: ManagedRuleGroupStatement | undefined = managedGroupRule(acl, groupName)?.Statement
    ?.ManagedRuleGroupStatement;
  if (!statement) return blocks(`no rule runs AWS ${groupName}`);
  const off = [
    ...(statement.RuleActionOverrides ?? [])
      .filter((o) => o.ActionToUse?.Count !== undefined || o.ActionToUse?.Allow !== undefined)
      .map((o) => `${o.Name} overridden to ${actionName(o.ActionToUse)}`),
    ...(statement.ExcludedRules ?? []).map((e) => `${e.Name} excluded`),
  ];
  return off.length
    ? blocks(`${groupName}: ${off.join(', ')}`)
    : passes(`${groupName}: no rule overridden to Count or Allow`);
}

/** The group inspects every request: no scope-down statement, or one that matches every request. */
export function inspectsEveryRequest(acl: WebAclProps, groupName: string, request: HttpRequest): Judgement {
  const statement = managedGroupRule(acl, groupName)?.Statement?.ManagedRuleGroupStatement;
  if (!statement) return blocks(`no rule runs AWS ${groupName}`);
  if (!statement.ScopeDownStatement) return passes(`${groupName} has no scope-down statement`);
  return statementMatches(statement.ScopeDownStatement, request) === 'yes'
    ? passes(`${groupName}'s scope-down statement matches every request`)
    : blocks(`${groupName}'s scope-down statement leaves requests it does not match uninspected`);
}
