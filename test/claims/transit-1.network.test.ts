import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { bucketPolicyDeniesWeakTls, httpsListenerHsts, listenerHttpsOrRedirect } from '../../lib/compliance/checks';
import { judge, referenceClaimStatus, referenceRuleResults, scratchStack } from '../network/support/claims';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

function loadBalancer() {
  const stack = scratchStack();
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
  return { stack, vpc, lb };
}
const cert = [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:123456789012:certificate/x')];

describe('TRANSIT-1 (edge): HTTPS only, TLS 1.2+, HSTS, TLS-only buckets', () => {
  test('every reference listener is HTTPS with a TLS 1.2-floor policy or a redirect, and HTTPS sends HSTS', () => {
    // GIVEN / WHEN the reference platform is judged
    const listeners = referenceRuleResults([listenerHttpsOrRedirect]);
    const hsts = referenceRuleResults([httpsListenerHsts]);
    // THEN
    expect(listeners.map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(hsts.map((r) => r.status)).toEqual(['pass']);
  });

  test('every reference bucket policy denies plain HTTP and TLS below 1.2', () => {
    const results = referenceRuleResults([bucketPolicyDeniesWeakTls]);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(3);
  });

  test('the evidence marks TRANSIT-1 proven', () => {
    expect(referenceClaimStatus('TRANSIT-1')).toEqual({
      status: 'proven',
      reason: expect.stringContaining('none failing'),
    });
  });

  test('fails when an HTTP listener forwards instead of redirecting', () => {
    const { stack, vpc, lb } = loadBalancer();
    const group = new elbv2.ApplicationTargetGroup(stack, 'Tg', {
      vpc,
      port: 8080,
      protocol: elbv2.ApplicationProtocol.HTTP,
    });
    lb.addListener('Http', { port: 80, defaultTargetGroups: [group] });
    expect(judge(listenerHttpsOrRedirect, stack, LISTENER)).toEqual([NagRuleCompliance.NON_COMPLIANT]);
  });

  test('fails when a redirect-only HTTP listener gains a forwarding rule', () => {
    const { stack, vpc, lb } = loadBalancer();
    const listener = lb.addRedirect();
    const group = new elbv2.ApplicationTargetGroup(stack, 'Tg', {
      vpc,
      port: 8080,
      protocol: elbv2.ApplicationProtocol.HTTP,
    });
    listener.addTargetGroups('Sneaky', {
      priority: 5,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/api/*'])],
      targetGroups: [group],
    });
    expect(judge(listenerHttpsOrRedirect, stack, LISTENER)).toEqual([NagRuleCompliance.NON_COMPLIANT]);
  });

  test('fails when the HTTPS listener uses SslPolicy.RECOMMENDED (TLS 1.0)', () => {
    const { stack, lb } = loadBalancer();
    lb.addListener('Https', {
      port: 443,
      certificates: cert,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED,
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });
    expect(judge(listenerHttpsOrRedirect, stack, LISTENER)).toEqual([NagRuleCompliance.NON_COMPLIANT]);
  });

  test('fails when an HTTPS listener sends no HSTS', () => {
    const { stack, lb } = loadBalancer();
    lb.addListener('Https', {
      port: 443,
      certificates: cert,
      sslPolicy: elbv2.SslPolicy.TLS13_12_RES_PQ,
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });
    expect(judge(httpsListenerHsts, stack, LISTENER)).toEqual([NagRuleCompliance.NON_COMPLIANT]);
  });

  test('fails when a bucket denies plain HTTP but not TLS 1.0/1.1', () => {
    const stack = scratchStack();
    new s3.Bucket(stack, 'B', { enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(30) }] });
    expect(judge(bucketPolicyDeniesWeakTls, stack, 'AWS::S3::Bucket')).toEqual([['NoDenyBelowTls12']]);
  });

  test('fails when a bucket has no policy at all', () => {
    const stack = scratchStack();
    new s3.Bucket(stack, 'B');
    expect(judge(bucketPolicyDeniesWeakTls, stack, 'AWS::S3::Bucket')).toEqual([
      ['NoDenyWithoutTls', 'NoDenyBelowTls12'],
    ]);
  });

  test('a bucket with enforceSSL and minimumTLSVersion 1.2 is compliant', () => {
    const stack = scratchStack();
    new s3.Bucket(stack, 'B', { enforceSSL: true, minimumTLSVersion: 1.2 });
    expect(judge(bucketPolicyDeniesWeakTls, stack, 'AWS::S3::Bucket')).toEqual([NagRuleCompliance.COMPLIANT]);
  });
});
