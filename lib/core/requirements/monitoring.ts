/** MONITOR-2 and MONITOR-1's requirements, apart from the constructs that meet them. */

/** The AWS managed WAF rule groups every web ACL in front of the platform must enforce (not count). */
export const REQUIRED_WAF_MANAGED_RULE_GROUPS: readonly string[] = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
];

/** Audit-relevant logs (trail, WAF, flow logs, database audit) are kept at least this long. */
export const MIN_AUDIT_LOG_RETENTION_DAYS = 365;
