import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../core/acknowledge';
import { PlatformConstructError } from '../core/errors';
import { LoadBalancerLogBucket } from './private/load-balancer-log-bucket';
import {
  HSTS_LISTENER_ATTRIBUTE,
  isTls12MinimumPolicy,
  MIN_HSTS_MAX_AGE_SECONDS,
  SECURITY_TXT_PATH,
} from '../core/requirements';
import { renderSecurityTxt, SecurityTxtFields } from './security-txt';
import { DEFAULT_SSL_POLICY } from './tls-policies';
import { WebApplicationFirewall, WebApplicationFirewallProps } from './web-application-firewall';

export interface TlsOnlyLoadBalancerProps {
  /** The VPC; the load balancer goes into its public subnets in every zone. */
  readonly vpc: ec2.IVpc;
  /** ACM certificate of the public domain. */
  readonly certificate: acm.ICertificate;
  /** security.txt (RFC 9116) answered at `/.well-known/security.txt` by the load balancer itself (RESPONSE-1). */
  readonly securityTxt: SecurityTxtFields;
  /**
   * TLS policy of the HTTPS listener; must have TLS 1.2 as its floor (TRANSIT-1).
   * @default DEFAULT_SSL_POLICY (ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /** HSTS max-age in seconds; at least one year. @default 63072000 (two years) */
  readonly hstsMaxAgeSeconds?: number;
  /**
   * Answer port 80 with a permanent redirect to HTTPS (and nothing else). Set false to have no port 80 listener.
   * @default true
   */
  readonly redirectHttp?: boolean;
  /** Web ACL settings. @default - rate limit 2000 per IP per five minutes, logs kept two years */
  readonly firewall?: WebApplicationFirewallProps;
  /** Days access logs are kept in the log bucket. @default 365 */
  readonly accessLogRetentionDays?: number;
}

/**
 * An internet-facing Application Load Balancer that speaks only TLS (TRANSIT-1): HTTPS on 443 with a TLS 1.3 /
 * 1.2-floor post-quantum policy and HSTS set by the listener; port 80 at most a permanent redirect; invalid header
 * fields dropped; strictest desync mitigation; deletion protection; access logs to a dedicated bucket; a WAFv2 web
 * ACL (MONITOR-2); `/.well-known/security.txt` answered by a fixed response (RESPONSE-1).
 *
 * Register a service with `httpsListener.addTargetGroups(...)` and a rule; a request no rule matches gets a fixed 404.
 */
export class TlsOnlyLoadBalancer extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly securityGroup: ec2.SecurityGroup;
  readonly httpsListener: elbv2.ApplicationListener;
  readonly firewall: WebApplicationFirewall;
  readonly accessLogBucket: s3.Bucket;
  readonly sslPolicy: elbv2.SslPolicy;

  constructor(scope: Construct, id: string, props: TlsOnlyLoadBalancerProps) {
    super(scope, id);
    this.sslPolicy = props.sslPolicy ?? DEFAULT_SSL_POLICY;
    if (!isTls12MinimumPolicy(this.sslPolicy)) {
      throw new PlatformConstructError({
        code: 'TlsOnlyLoadBalancer.sslPolicy',
        scope: this,
        setting: 'sslPolicy',
        value: this.sslPolicy,
        problem: 'allows TLS below 1.2 (TRANSIT-1)',
        fix: `leave it unset for ${DEFAULT_SSL_POLICY}, or pick a TLS13-1-2 / TLS13-1-3 policy`,
      });
    }
    const hstsMaxAge = props.hstsMaxAgeSeconds ?? 2 * MIN_HSTS_MAX_AGE_SECONDS;
    if (!Number.isInteger(hstsMaxAge) || hstsMaxAge < MIN_HSTS_MAX_AGE_SECONDS) {
      throw new PlatformConstructError({
        code: 'TlsOnlyLoadBalancer.hstsMaxAgeSeconds',
        scope: this,
        setting: 'hstsMaxAgeSeconds',
        value: hstsMaxAge,
        problem: `HSTS must last at least one year (${MIN_HSTS_MAX_AGE_SECONDS})`,
        fix: 'leave it unset for two years',
      });
    }
    const securityTxtBody = renderSecurityTxt(props.securityTxt, this);
    const redirectHttp = props.redirectHttp ?? true;

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Internet-facing load balancer: HTTPS in (and HTTP for the redirect only); out only to targets',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    if (redirectHttp) {
      this.securityGroup.addIngressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(80),
        'HTTP from the internet, redirected to HTTPS',
      );
    }
    acknowledgeFinding(this.securityGroup, {
      rule: 'AwsSolutions-EC23',
      claim: 'TRANSIT-2',
      reason:
        'This is the internet-facing load balancer: it must accept HTTPS (443) from anyone, and HTTP (80) only to answer with a redirect to HTTPS. It is the only security group open to 0.0.0.0/0; the WAF web ACL filters what reaches it.',
    });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC, onePerAz: true },
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: elbv2.DesyncMitigationMode.STRICTEST,
      deletionProtection: true,
      http2Enabled: true,
    });
    this.accessLogBucket = new LoadBalancerLogBucket(this, 'AccessLogBucket', props.accessLogRetentionDays ?? 365);
    this.loadBalancer.logAccessLogs(this.accessLogBucket, 'alb');

    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromCertificateManager(props.certificate)],
      sslPolicy: this.sslPolicy,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not found' }),
    });
    (this.httpsListener.node.defaultChild as elbv2.CfnListener).listenerAttributes = [
      { key: HSTS_LISTENER_ATTRIBUTE, value: `max-age=${hstsMaxAge}; includeSubDomains` },
    ];
    this.httpsListener.addAction('SecurityTxt', {
      priority: 1,
      conditions: [elbv2.ListenerCondition.pathPatterns([SECURITY_TXT_PATH])],
      action: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: securityTxtBody }),
    });

    if (redirectHttp) {
      const redirect = this.loadBalancer.addListener('HttpRedirect', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      acknowledgeFinding(
        redirect,
        ...['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({
          rule: `${pack}-ELBv2ACMCertificateRequired`,
          claim: 'TRANSIT-1' as const,
          reason:
            'This port 80 listener has one action, a permanent (301) redirect to HTTPS on 443, and no rules; it never forwards a request, so no certificate applies. The HTTPS listener uses the ACM certificate.',
        })),
      );
    }

    this.firewall = new WebApplicationFirewall(this, 'Firewall', props.firewall);
    this.firewall.associate('LoadBalancerAssociation', this.loadBalancer.loadBalancerArn);
  }
}
