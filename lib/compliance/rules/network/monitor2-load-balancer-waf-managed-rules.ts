import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { REQUIRED_WAF_MANAGED_RULE_GROUPS } from '../../../core/requirements';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, refersToResource as refersTo, resourcesOfType } from '../cfn-resource-values';
import { asArray } from '../../assembly/template-values';

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
export const loadBalancerWafManagedRules: ClaimRule = {
  id: 'MONITOR2-LoadBalancerWafManagedRules',
  claims: ['MONITOR-2'],
  info: 'A load balancer has no logged web ACL with the AWS managed rule groups and a rate-based rule.',
  explanation:
    'MONITOR-2: requests reach the platform only through AWS WAF, which blocks known-bad sources, common exploits and SQL injection, limits request floods, and records what it did.',
  evidenceProperties: ['Scheme', 'Type'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return NagRuleCompliance.NOT_APPLICABLE;
    const p = cfnProperties(node);
    if (p.Type !== undefined && p.Type !== 'application') return NagRuleCompliance.NOT_APPLICABLE;
    const association = resourcesOfType(node, 'AWS::WAFv2::WebACLAssociation')
      .map(cfnProperties)
      .find((a) => refersTo(a.ResourceArn, node));
    const acl =
      association && resourcesOfType(node, 'AWS::WAFv2::WebACL').find((w) => refersTo(association.WebACLArn, w));
    if (!acl) return ['NoWebAcl'];
    const rules = asArray(cfnProperties(acl).Rules as WafRule[]);
    const enforced = new Set(
      rules
        .filter(
          (r) => r.Statement?.ManagedRuleGroupStatement?.VendorName === 'AWS' && r.OverrideAction?.Count === undefined,
        )
        .map((r) => r.Statement!.ManagedRuleGroupStatement!.Name),
    );
    const findings = REQUIRED_WAF_MANAGED_RULE_GROUPS.filter((g) => !enforced.has(g)).map((g) => `Missing${g}`);
    if (!rules.some((r) => r.Statement?.RateBasedStatement)) findings.push('NoRateBasedRule');
    const logged = resourcesOfType(node, 'AWS::WAFv2::LoggingConfiguration').some((l) =>
      refersTo(cfnProperties(l).ResourceArn, acl),
    );
    if (!logged) findings.push('WebAclNotLogged');
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
