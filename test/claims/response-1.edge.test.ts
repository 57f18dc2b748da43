import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { NagRuleCompliance } from 'cdk-nag';
import { securityTxtAnswered } from '../../lib/compliance/checks';
import { SECURITY_TXT_PATH } from '../../lib/core/requirements';
import { renderSecurityTxt } from '../../lib/edge/security-txt';
import { judge, referenceClaimStatus, referenceRuleResults, scratchStack } from '../network/support/claims';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

function httpsListenerAnswering(body?: string) {
  const stack = scratchStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    natGateways: 0,
    subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
  const listener = lb.addListener('Https', {
    port: 443,
    certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:123456789012:certificate/x')],
    defaultAction: elbv2.ListenerAction.fixedResponse(404),
  });
  if (body !== undefined) {
    listener.addAction('SecurityTxt', {
      priority: 1,
      conditions: [elbv2.ListenerCondition.pathPatterns([SECURITY_TXT_PATH])],
      action: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: body }),
    });
  }
  return stack;
}

const fields = {
  contacts: ['mailto:security@example.com'],
  policyUrl: 'https://example.com/security',
  canonicalUrl: 'https://app.example.com/.well-known/security.txt',
};

describe('RESPONSE-1 (edge): the load balancer answers /.well-known/security.txt', () => {
  test('the reference HTTPS listener answers a complete, unexpired security.txt', () => {
    expect(referenceRuleResults([securityTxtAnswered]).map((r) => r.status)).toEqual(['pass']);
  });

  test('the evidence marks RESPONSE-1 proven (security.txt and docs/security-response.md)', () => {
    expect(referenceClaimStatus('RESPONSE-1')).toEqual({
      status: 'proven',
      reason: expect.stringContaining('none failing'),
    });
  });

  test('a listener answering a file that expires next year is compliant', () => {
    const expires = new Date(Date.now() + 180 * 24 * 3600 * 1000).toISOString();
    expect(
      judge(securityTxtAnswered, httpsListenerAnswering(renderSecurityTxt({ ...fields, expires })), LISTENER),
    ).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when the HTTPS listener has no security.txt rule', () => {
    expect(judge(securityTxtAnswered, httpsListenerAnswering(), LISTENER)).toEqual([['NoSecurityTxtRule']]);
  });

  test('fails when the file has expired', () => {
    const body = renderSecurityTxt({ ...fields, expires: '2020-01-01T00:00:00Z' });
    expect(judge(securityTxtAnswered, httpsListenerAnswering(body), LISTENER)).toEqual([['Expired']]);
  });

  test('fails when the file lacks Expires and Canonical', () => {
    expect(
      judge(
        securityTxtAnswered,
        httpsListenerAnswering('Contact: mailto:a@b.c\nPolicy: https://x\nPreferred-Languages: en\n'),
        LISTENER,
      ),
    ).toEqual([['MissingExpires', 'MissingCanonical']]);
  });
});
