import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import type { HttpIndex } from './http-index';
import { keyOf } from './http-index';
import { HOP_MUTATIONS } from './hop-mutations';
import { bareHop, Expectation, judgedHop } from './hops';
import { blocks, cannotTell, Judgement, passes } from './judgement';
import type { HttpRequest } from './request';
import type { LoadBalancerProps, WebAclAssociationProps, WebAclProps } from './template-props';
import {
  benignRequestAllowed,
  groupEnforced,
  inspectsEveryRequest,
  managedGroupIndex,
  noRuleSwitchedOff,
  nothingAllowedBeforeGroup,
} from './web-acl-evaluation';

/** The one web ACL associated with the load balancer, if exactly one association resolves to both. */
function associationJudge(
  model: StageModel,
  lb: ModelResource<LoadBalancerProps>,
  association: ModelResource<WebAclAssociationProps>,
): (p: WebAclAssociationProps) => Judgement {
  return (p) => {
    const target = model.resolve(association, p.ResourceArn);
    if (!target || keyOf(target) !== keyOf(lb)) return blocks('the association names another resource');
    const acl = model.resolve(association, p.WebACLArn);
    if (!acl) return blocks('the associated web ACL is not in the templates');
    return acl.roles.includes('web-acl')
      ? passes(`web ACL ${acl.logicalId} is associated with the load balancer`)
      : blocks(`associated web ACL ${acl.logicalId} is not the platform web ACL`);
  };
}

/**
 * What the web ACL does to a well-behaved request on its way to the listener rules (WAF inspects a request before
 * the load balancer routes it). No web ACL at all lets it through.
 */
export function webAclDecisionHop(
  model: StageModel,
  index: HttpIndex,
  lb: ModelResource<LoadBalancerProps>,
  request: HttpRequest,
  expectation: Expectation,
): HopRecord {
  const associations = index.associationsOf(lb);
  if (associations.length === 0)
    return bareHop('web-acl-decision', passes('no web ACL filters the request'), expectation, lb);
  if (associations.length > 1)
    return bareHop('web-acl-decision', cannotTell('several web ACL associations'), expectation, lb);
  const acl = model.resolve<WebAclProps>(associations[0], associations[0].props.WebACLArn);
  if (!acl)
    return bareHop('web-acl-decision', cannotTell('the web ACL is not in the templates'), expectation, associations[0]);
  return judgedHop(
    'web-acl-decision',
    acl,
    'DefaultAction, Rules',
    expectation,
    (p) => benignRequestAllowed(p, request),
    HOP_MUTATIONS['web-acl-decision'](acl),
  );
}

/**
 * MONITOR-2: every request on the load balancer is inspected by `group`, blocking. The association, then the group's
 * rule in the web ACL (present, OverrideAction None), no earlier rule that allows requests past it, no rule of it
 * overridden to Count, no scope-down that leaves requests out.
 */
export function wafInspectionHops(
  model: StageModel,
  index: HttpIndex,
  lb: ModelResource<LoadBalancerProps>,
  group: string,
  request: HttpRequest,
  expectation: Expectation,
): HopRecord[] {
  const associations = index.associationsOf(lb);
  if (associations.length !== 1) {
    const judgement =
      associations.length === 0
        ? blocks('no web ACL is associated with the load balancer: requests are not inspected')
        : cannotTell('several web ACL associations');
    return [bareHop('web-acl-association', judgement, expectation, lb)];
  }
  const association = associations[0];
  const associated = judgedHop(
    'web-acl-association',
    association,
    'ResourceArn, WebACLArn',
    expectation,
    associationJudge(model, lb, association),
    HOP_MUTATIONS['web-acl-association'](association),
  );
  if (associated.verdict !== 'pass') return [associated];
  const acl = model.resolve<WebAclProps>(association, association.props.WebACLArn)!;
  const at = managedGroupIndex(acl.props, group);
  const enforced = judgedHop(
    'waf-managed-rule-group',
    acl,
    `Rules[${at}].OverrideAction`,
    expectation,
    (p) => groupEnforced(p, group),
    at < 0 ? [] : HOP_MUTATIONS['waf-managed-rule-group'](acl, at),
  );
  if (enforced.verdict !== 'pass') return [associated, enforced];
  return [
    associated,
    enforced,
    judgedHop(
      'web-acl-rules-before-group',
      acl,
      'Rules',
      expectation,
      (p) => nothingAllowedBeforeGroup(p, group, request),
      HOP_MUTATIONS['web-acl-rules-before-group'](acl),
    ),
    judgedHop(
      'waf-rule-action-overrides',
      acl,
      `Rules[${at}].Statement.ManagedRuleGroupStatement.RuleActionOverrides`,
      expectation,
      (p) => noRuleSwitchedOff(p, group),
      HOP_MUTATIONS['waf-rule-action-overrides'](acl, at, group),
    ),
    judgedHop(
      'waf-scope-down',
      acl,
      `Rules[${at}].Statement.ManagedRuleGroupStatement.ScopeDownStatement`,
      expectation,
      (p) => inspectsEveryRequest(p, group, request),
      HOP_MUTATIONS['waf-scope-down'](acl, at),
    ),
  ];
}
