import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { TlsOnlyLoadBalancer, TlsOnlyLoadBalancerProps } from '../../lib/edge/tls-only-load-balancer';
import { renderSecurityTxt } from '../../lib/edge/security-txt';

const SECURITY_TXT = {
  contacts: ['mailto:security@example.com'],
  expires: '2027-06-30T00:00:00Z',
  policyUrl: 'https://example.com/security',
  canonicalUrl: 'https://app.example.com/.well-known/security.txt',
};

function build(props: Partial<TlsOnlyLoadBalancerProps> = {}): Stack {
  // No account: zones stay Fn::GetAZs tokens and nothing is looked up.
  const stack = new Stack(new App(), 'S', { env: { region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const certificate = acm.Certificate.fromCertificateArn(
    stack,
    'Cert',
    'arn:aws:acm:eu-west-1:123456789012:certificate/x',
  );
  new TlsOnlyLoadBalancer(stack, 'Edge', { vpc, certificate, securityTxt: SECURITY_TXT, ...props });
  return stack;
}

describe('TlsOnlyLoadBalancer', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(build());
  });

  test('is internet-facing with header hardening and deletion protection', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'routing.http.desync_mitigation_mode', Value: 'strictest' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
      ]),
    });
  });

  test('answers port 80 only with a permanent redirect to HTTPS', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    });
  });

  test('has no port 80 listener when redirectHttp is false', () => {
    Template.fromStack(build({ redirectHttp: false })).resourcePropertiesCountIs(
      'AWS::ElasticLoadBalancingV2::Listener',
      { Port: 80 },
      0,
    );
  });

  test('logs access to a versioned, TLS 1.2-only, retained bucket with lifecycle', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: Match.anyValue(),
      }),
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('associates a logged web ACL with the four AWS managed rule groups and a rate-based rule', () => {
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    template.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } } }),
        Match.objectLike({
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesSQLiRuleSet' } },
        }),
      ]),
    });
  });

  test('fails when given SslPolicy.RECOMMENDED (TLS 1.0)', () => {
    expect(() => build({ sslPolicy: elbv2.SslPolicy.RECOMMENDED })).toThrow(
      /^\[TlsOnlyLoadBalancer\.sslPolicy\] S\/Edge: sslPolicy = "ELBSecurityPolicy-2016-08": allows TLS below 1.2/,
    );
  });

  test('fails when HSTS would last less than a year', () => {
    expect(() => build({ hstsMaxAgeSeconds: 86400 })).toThrow(
      /\[TlsOnlyLoadBalancer\.hstsMaxAgeSeconds\] .*hstsMaxAgeSeconds = 86400: HSTS must last at least one year/,
    );
  });

  test('fails when security.txt has no contact', () => {
    expect(() => build({ securityTxt: { ...SECURITY_TXT, contacts: [] } })).toThrow(
      /^\[SecurityTxt\.contacts\] S\/Edge: securityTxt\.contacts = \[\]: RFC 9116 requires at least one Contact/,
    );
  });
});

describe('renderSecurityTxt', () => {
  test('writes the RFC 9116 fields in order with the configured Expires', () => {
    expect(renderSecurityTxt(SECURITY_TXT)).toBe(
      'Contact: mailto:security@example.com\nExpires: 2027-06-30T00:00:00Z\nPolicy: https://example.com/security\n' +
        'Preferred-Languages: en\nCanonical: https://app.example.com/.well-known/security.txt\n',
    );
  });

  test('fails when Expires is not a date', () => {
    expect(() => renderSecurityTxt({ ...SECURITY_TXT, expires: 'next year' })).toThrow(
      /^\[SecurityTxt\.expires\] securityTxt\.expires = "next year": not an ISO 8601/,
    );
  });

  test('fails when the file would not fit a fixed response', () => {
    const contacts = Array.from({ length: 40 }, (_, i) => `mailto:security-team-${i}@example.com`);
    expect(() => renderSecurityTxt({ ...SECURITY_TXT, contacts })).toThrow(/the load balancer answers at most 1024/);
  });
});
