import { Names, RemovalPolicy, Stack, ArnFormat } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { allowLogsToUseKey } from '../core/grants/grant-logs-key-use';
import { requireYearLongRetention } from '../core/log-retention';

/**
 * The AWS managed rule groups a web ACL carries by default, in evaluation order. What MONITOR-2 requires is
 * written apart, in core's requirements; a test holds this default against it.
 */
export const DEFAULT_MANAGED_RULE_GROUPS: readonly string[] = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
];

export interface WebApplicationFirewallProps {
  /**
   * Requests one client IP may send in any five minutes before it is blocked (10 to 2,000,000,000).
   * @default 2000
   */
  readonly rateLimitPerFiveMinutes?: number;
  /** Days the WAF logs are kept; at least 365. @default logs.RetentionDays.TWO_YEARS */
  readonly logRetention?: logs.RetentionDays;
  /**
   * AWS managed rule groups, in evaluation order. Leaving out one that MONITOR-2 requires fails the claims checks.
   * @default DEFAULT_MANAGED_RULE_GROUPS
   */
  readonly managedRuleGroups?: readonly string[];
  /** Customer managed key that encrypts the WAF log group. @default - a new key with rotation on */
  readonly logKey?: kms.IKey;
}

/**
 * A regional WAFv2 web ACL (MONITOR-2): AWS managed rule groups for IP reputation, common exploits, known bad
 * inputs and SQL injection, a per-IP rate-based rule, and logging of every decision to an encrypted log group
 * (authorization and cookie headers redacted). Attach it with `associate(resourceArn)`.
 */
export class WebApplicationFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebApplicationFirewallProps = {}) {
    super(scope, id);
    const rateLimit = props.rateLimitPerFiveMinutes ?? 2000;
    if (!Number.isInteger(rateLimit) || rateLimit < 10 || rateLimit > 2_000_000_000) {
      throw new PlatformConstructError({
        code: 'WebApplicationFirewall.rateLimitPerFiveMinutes',
        scope: this,
        setting: 'rateLimitPerFiveMinutes',
        value: rateLimit,
        problem: 'WAF accepts whole numbers from 10 to 2,000,000,000',
        fix: 'leave it unset for 2000',
      });
    }
    const retention = props.logRetention ?? logs.RetentionDays.TWO_YEARS;
    requireYearLongRetention(this, retention, {
      code: 'WebApplicationFirewall.logRetention',
      setting: 'logRetention',
      why: 'keep WAF logs at least 365 days',
    });

    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managedRules: wafv2.CfnWebACL.RuleProperty[] = (props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS).map(
      (name, i) => ({
        name,
        priority: i + 1,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: visibility(name),
      }),
    );
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(Names.uniqueId(this)),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        ...managedRules,
      ],
    });

    const key =
      props.logKey ??
      new kms.Key(this, 'LogKey', {
        description: 'Encrypts the WAF log group',
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    if (!props.logKey) allowLogsToUseKey(key);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      // WAF only logs to groups named aws-waf-logs-*.
      logGroupName: `aws-waf-logs-${Names.uniqueId(this).toLowerCase()}`,
      encryptionKey: key,
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the ':*' suffix CloudFormation's Arn attribute carries.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }],
    });
  }

  /** Protects a load balancer (or another regional resource) with this web ACL. */
  associate(id: string, resourceArn: string): wafv2.CfnWebACLAssociation {
    return new wafv2.CfnWebACLAssociation(this, id, { resourceArn, webAclArn: this.webAcl.attrArn });
  }
}
