import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { NagRuleCompliance } from 'cdk-nag';
import { WebApplicationFirewall } from '../../lib/edge/web-application-firewall';
import { loadBalancerWafManagedRules } from '../../lib/compliance/checks';
import { judge, referenceRuleResults, scratchStack } from '../network/support/claims';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

function loadBalancer() {
  const stack = scratchStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    natGateways: 0,
    subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }],
  });
  return { stack, lb: new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true }) };
}

describe('MONITOR-2 (WAF): the load balancer is behind a logged web ACL with AWS managed rules', () => {
  test('the reference load balancer has the managed rule groups, a rate rule and WAF logging', () => {
    const results = referenceRuleResults([loadBalancerWafManagedRules]);
    expect(results.map((r) => r.status)).toEqual(['pass']);
    expect(results[0].properties).toEqual({ Scheme: 'internet-facing', Type: 'application' });
  });

  test('a load balancer associated with WebApplicationFirewall is compliant', () => {
    const { stack, lb } = loadBalancer();
    new WebApplicationFirewall(stack, 'Waf').associate('Assoc', lb.loadBalancerArn);
    expect(judge(loadBalancerWafManagedRules, stack, LB)).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when the load balancer has no web ACL', () => {
    const { stack } = loadBalancer();
    expect(judge(loadBalancerWafManagedRules, stack, LB)).toEqual([['NoWebAcl']]);
  });

  test('fails when the SQL injection group only counts, and there is no rate rule and no logging', () => {
    const { stack, lb } = loadBalancer();
    const visibilityConfig = { cloudWatchMetricsEnabled: true, metricName: 'm', sampledRequestsEnabled: true };
    const managed = (name: string, count = false) => ({
      name,
      priority: name.length,
      overrideAction: count ? { count: {} } : { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig,
    });
    const acl = new wafv2.CfnWebACL(stack, 'Acl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig,
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList'),
        managed('AWSManagedRulesCommonRuleSet'),
        managed('AWSManagedRulesKnownBadInputsRuleSet'),
        managed('AWSManagedRulesSQLiRuleSet', true),
      ],
    });
    new wafv2.CfnWebACLAssociation(stack, 'Assoc', { resourceArn: lb.loadBalancerArn, webAclArn: acl.attrArn });
    expect(judge(loadBalancerWafManagedRules, stack, LB)).toEqual([
      ['MissingAWSManagedRulesSQLiRuleSet', 'NoRateBasedRule', 'WebAclNotLogged'],
    ]);
  });
});
