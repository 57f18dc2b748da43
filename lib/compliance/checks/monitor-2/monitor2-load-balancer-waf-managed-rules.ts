import { REQUIRED_WAF_MANAGED_RULE_GROUPS } from '../../../core/requirements';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';
import type { LoadBalancerProps } from '../../template/cfn/elbv2';
import type {
  WafLoggingConfigurationProps,
  WebAclAssociationProps,
  WebAclProps,
  WebAclRule,
} from '../../template/cfn/wafv2';
import { asArray } from '../../template/template-values';

/**
 * MONITOR-2 (WAF part): every application load balancer is associated with a web ACL that runs the AWS managed
 * rule groups for IP reputation, common exploits, known bad inputs and SQL injection (none switched to count-only),
 * a rate-based rule, and logs its decisions. Returns what is missing as findings.
 */
export const loadBalancerWafManagedRules = modelResourceCheck<LoadBalancerProps>({
  id: 'MONITOR2-LoadBalancerWafManagedRules',
  claims: ['MONITOR-2'],
  failure: 'A load balancer has no logged web ACL with the AWS managed rule groups and a rate-based rule.',
  description:
    'MONITOR-2: requests reach the platform only through AWS WAF, which blocks known-bad sources, common exploits and SQL injection, limits request floods, and records what it did.',
  evidenceProperties: ['Scheme', 'Type'],
  types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  judge: (lb, model) => {
    if (lb.props.Type !== undefined && lb.props.Type !== 'application') return NOT_APPLICABLE;
    const association = model
      .ofType<WebAclAssociationProps>('AWS::WAFv2::WebACLAssociation')
      .find((a) => model.resolve(a, a.props.ResourceArn) === lb);
    const target = association && model.resolve<WebAclProps>(association, association.props.WebACLArn);
    const acl = target?.type === 'AWS::WAFv2::WebACL' ? target : undefined;
    if (!acl) return ['NoWebAcl'];
    const rules = asArray<WebAclRule>(acl.props.Rules);
    const enforced = new Set(
      rules
        .filter(
          (r) => r.Statement?.ManagedRuleGroupStatement?.VendorName === 'AWS' && r.OverrideAction?.Count === undefined,
        )
        .map((r) => r.Statement?.ManagedRuleGroupStatement?.Name),
    );
    const findings = REQUIRED_WAF_MANAGED_RULE_GROUPS.filter((g) => !enforced.has(g)).map((g) => `Missing${g}`);
    if (!rules.some((r) => r.Statement?.RateBasedStatement)) findings.push('NoRateBasedRule');
    const logged = model
      .ofType<WafLoggingConfigurationProps>('AWS::WAFv2::LoggingConfiguration')
      .some((l) => model.resolve(l, l.props.ResourceArn) === acl);
    if (!logged) findings.push('WebAclNotLogged');
    return findings.length ? findings : true;
  },
});
