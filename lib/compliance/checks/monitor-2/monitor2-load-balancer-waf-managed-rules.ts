import { REQUIRED_WAF_MANAGED_RULE_GROUPS } from '../../../core/requirements';
import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { inStack, props, pointsAt } from '../resource-readers';
import { asArray } from '../../template/template-values';

interface WafRule {
  readonly Statement?: {
    ManagedRuleGroupStatement?: { VendorName?: string; Name?: string };
    RateBasedStatement?: { Limit?: number };
  };
  readonly OverrideAction?: { Count?: unknown };
}

/**
 * MONITOR-2 (WAF part): every application load balancer is associated with a web ACL that runs the AWS managed
 * rule groups for IP reputation, common exploits, known bad inputs and SQL injection (none switched to count-only),
 * a rate-based rule, and logs its decisions. Returns what is missing as findings.
 */
export const loadBalancerWafManagedRules = resourceCheck({
  id: 'MONITOR2-LoadBalancerWafManagedRules',
  claims: ['MONITOR-2'],
  failure: 'A load balancer has no logged web ACL with the AWS managed rule groups and a rate-based rule.',
  description:
    'MONITOR-2: requests reach the platform only through AWS WAF, which blocks known-bad sources, common exploits and SQL injection, limits request floods, and records what it did.',
  evidenceProperties: ['Scheme', 'Type'],
  appliesTo: ofTypes('AWS::ElasticLoadBalancingV2::LoadBalancer'),
  judge: (node) => {
    const p = props(node);
    if (p.Type !== undefined && p.Type !== 'application') return NOT_APPLICABLE;
    const association = inStack(node, 'AWS::WAFv2::WebACLAssociation')
      .map(props)
      .find((a) => pointsAt(a.ResourceArn, node));
    const acl = association && inStack(node, 'AWS::WAFv2::WebACL').find((w) => pointsAt(association.WebACLArn, w));
    if (!acl) return ['NoWebAcl'];
    const rules = asArray(props(acl).Rules as WafRule[]);
    const enforced = new Set(
      rules
        .filter(
          (r) => r.Statement?.ManagedRuleGroupStatement?.VendorName === 'AWS' && r.OverrideAction?.Count === undefined,
        )
        .map((r) => r.Statement!.ManagedRuleGroupStatement!.Name),
    );
    const findings = REQUIRED_WAF_MANAGED_RULE_GROUPS.filter((g) => !enforced.has(g)).map((g) => `Missing${g}`);
    if (!rules.some((r) => r.Statement?.RateBasedStatement)) findings.push('NoRateBasedRule');
    const logged = inStack(node, 'AWS::WAFv2::LoggingConfiguration').some((l) => pointsAt(props(l).ResourceArn, acl));
    if (!logged) findings.push('WebAclNotLogged');
    return findings.length ? findings : true;
  },
});
