import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { NagRuleCompliance } from 'cdk-nag';
import { httpsListenerHsts, loadBalancerWafManagedRules } from '../../lib/compliance/checks';
import { MIN_HSTS_MAX_AGE_SECONDS, REQUIRED_WAF_MANAGED_RULE_GROUPS } from '../../lib/core/requirements';
import { DEFAULT_MANAGED_RULE_GROUPS, WebApplicationFirewall } from '../../lib/edge/web-application-firewall';
import { judge, scratchStack } from '../network/support/claims';

// The requirements live in lib/core, apart from the constructs they judge: trimming a construct's default must
// fail its check, never loosen it.
function loadBalancerBehind(managedRuleGroups?: readonly string[]) {
  const stack = scratchStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    natGateways: 0,
    subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
  new WebApplicationFirewall(stack, 'Waf', { managedRuleGroups }).associate('Assoc', lb.loadBalancerArn);
  return stack;
}

describe('requirements judge the constructs, not the reverse', () => {
  test("the firewall's default rule groups include every group MONITOR-2 requires", () => {
    expect(DEFAULT_MANAGED_RULE_GROUPS).toEqual(expect.arrayContaining([...REQUIRED_WAF_MANAGED_RULE_GROUPS]));
    expect(
      judge(loadBalancerWafManagedRules, loadBalancerBehind(), 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
    ).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails MONITOR-2 when the firewall construct drops a required rule group', () => {
    const trimmed = DEFAULT_MANAGED_RULE_GROUPS.filter((g) => g !== 'AWSManagedRulesSQLiRuleSet');
    expect(
      judge(loadBalancerWafManagedRules, loadBalancerBehind(trimmed), 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
    ).toEqual([['MissingAWSManagedRulesSQLiRuleSet']]);
  });

  test('fails TRANSIT-1 when a listener sends HSTS shorter than the required year', () => {
    const stack = scratchStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }],
    });
    const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
    const listener = lb.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:123456789012:certificate/x')],
      sslPolicy: elbv2.SslPolicy.TLS13_12_RES_PQ,
      defaultAction: elbv2.ListenerAction.fixedResponse(200),
    });
    (listener.node.defaultChild as elbv2.CfnListener).listenerAttributes = [
      {
        key: 'routing.http.response.strict_transport_security.header_value',
        value: `max-age=${MIN_HSTS_MAX_AGE_SECONDS - 1}; includeSubDomains`,
      },
    ];
    expect(judge(httpsListenerHsts, stack, 'AWS::ElasticLoadBalancingV2::Listener')).toEqual([
      NagRuleCompliance.NON_COMPLIANT,
    ]);
  });
});
