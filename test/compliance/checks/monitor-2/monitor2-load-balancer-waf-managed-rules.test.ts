import { loadBalancerWafManagedRules as check } from '../../../../lib/compliance/checks/monitor-2/monitor2-load-balancer-waf-managed-rules';
import { REQUIRED_WAF_MANAGED_RULE_GROUPS } from '../../../../lib/core/requirements';
import { Change, edited, getAtt, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const managed = (name: string) => ({
  Name: name,
  OverrideAction: { None: {} },
  Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
});
const edge = {
  Resources: {
    Lb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { Scheme: 'internet-facing', Type: 'application' },
    },
    // A network load balancer cannot carry a web ACL: not judged.
    Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' } },
    Acl: {
      Type: 'AWS::WAFv2::WebACL',
      Properties: {
        Rules: [
          ...REQUIRED_WAF_MANAGED_RULE_GROUPS.map(managed),
          { Name: 'Rate', Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2000 } } },
        ],
      },
    },
    Association: {
      Type: 'AWS::WAFv2::WebACLAssociation',
      Properties: { ResourceArn: ref('Lb'), WebACLArn: getAtt('Acl') },
    },
    Logging: { Type: 'AWS::WAFv2::LoggingConfiguration', Properties: { ResourceArn: getAtt('Acl') } },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Edge': edited(edge, change) }));

describe('MONITOR2-LoadBalancerWafManagedRules', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Edge': edge }))).toEqual(['Lb: compliant']);
  });

  test('Noncompliance 1: no web ACL associated', () => {
    expect(judged((r) => delete r.Association)).toEqual(['Lb: NoWebAcl']);
  });

  test('Noncompliance 2: a managed rule group missing, or switched to count only', () => {
    expect(judged((r) => r.Acl.Properties.Rules.splice(1, 1))).toEqual(['Lb: MissingAWSManagedRulesCommonRuleSet']);
    expect(judged((r) => (r.Acl.Properties.Rules[3].OverrideAction = { Count: {} }))).toEqual([
      'Lb: MissingAWSManagedRulesSQLiRuleSet',
    ]);
  });

  test('Noncompliance 3: no rate-based rule', () => {
    expect(judged((r) => r.Acl.Properties.Rules.pop())).toEqual(['Lb: NoRateBasedRule']);
  });

  test('Noncompliance 4: web ACL decisions not logged', () => {
    expect(judged((r) => delete r.Logging)).toEqual(['Lb: WebAclNotLogged']);
  });
});
