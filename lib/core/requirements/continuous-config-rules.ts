import type { ClaimId } from '../claims/claim';

/**
 * What keeps checking each claim after deploy: AWS managed Config rules watching the same properties the synth-time
 * checks prove, in the running account. The platform declares them (lib/monitoring/continuous-config-rules.ts),
 * the app-wide check ContinuousConfigRulesDeclared judges the templates against this table, and the evidence lists
 * per claim the rules that watch it. Identifiers are AWS Config's (developer guide, "List of AWS Config Managed
 * Rules"); each one is also in aws-cdk-lib's `ManagedRuleIdentifiers` or the developer guide.
 */

/** Which of the platform's regions a rule runs in. */
export type PlatformRegionRole = 'primary' | 'recovery';

/** A customer-data bucket a rule can be scoped to, by its role (names from physicalNames). */
export type WatchedBucket = 'uploads' | 'dumps' | 'uploads-replica' | 'dumps-replica';

/**
 * Where a rule evaluates in one region: `account` (every resource of its types; the rule's own scope) or one rule
 * per listed bucket (`Scope.ComplianceResourceId`), where account-wide evaluation would flag buckets the claim does
 * not cover (access-log buckets, which S3 allows only SSE-S3 and no replication).
 */
export type RuleScope = 'account' | readonly WatchedBucket[];

/** A parameter value taken from the environment's config instead of written here. */
export interface ConfigDerivedParameter {
  readonly from: 'backupRetentionDays' | 'sslPolicies';
}

export interface ConfigRuleRequirement {
  /** AWS managed rule identifier (`Source.SourceIdentifier`). */
  readonly identifier: string;
  readonly claims: readonly ClaimId[];
  /** The property it watches, in an auditor's words. */
  readonly watches: string;
  /** The regions it must run in and its scope there. */
  readonly regions: Readonly<Partial<Record<PlatformRegionRole, RuleScope>>>;
  readonly inputParameters?: Readonly<Record<string, string | ConfigDerivedParameter>>;
}

const BOTH_ACCOUNT = { primary: 'account', recovery: 'account' } as const;
const PRIMARY_ACCOUNT = { primary: 'account' } as const;
const ALL_CUSTOMER_BUCKETS = {
  primary: ['uploads', 'dumps'],
  recovery: ['uploads-replica', 'dumps-replica'],
} as const;

export const CONTINUOUS_CONFIG_RULES: readonly ConfigRuleRequirement[] = [
  {
    identifier: 'RDS_CLUSTER_MULTI_AZ_ENABLED',
    claims: ['DATA-1', 'HA-1'],
    watches: 'the Aurora cluster has instances in more than one Availability Zone',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
    claims: ['DATA-2'],
    watches: 'every backup plan has a rule at least daily that keeps recovery points for the configured retention',
    regions: PRIMARY_ACCOUNT,
    inputParameters: {
      requiredFrequencyValue: '1',
      requiredFrequencyUnit: 'days',
      requiredRetentionDays: { from: 'backupRetentionDays' },
    },
  },
  {
    identifier: 'AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
    claims: ['DATA-2'],
    watches: 'the Aurora cluster is in a backup plan',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
    claims: ['DATA-2'],
    watches: 'the upload bucket is in a backup plan',
    regions: { primary: ['uploads'] },
  },
  {
    identifier: 'S3_BUCKET_REPLICATION_ENABLED',
    claims: ['DATA-3'],
    watches: 'the upload and dump buckets replicate (to the recovery region)',
    regions: { primary: ['uploads', 'dumps'] },
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
    claims: ['DATA-2', 'DATA-3'],
    watches: 'recovery points, the copies in the recovery region included, are kept at least the configured retention',
    regions: BOTH_ACCOUNT,
    inputParameters: { requiredRetentionDays: { from: 'backupRetentionDays' } },
  },
  {
    identifier: 'S3_BUCKET_VERSIONING_ENABLED',
    claims: ['DATA-4'],
    watches: 'the customer-data buckets and their replicas are versioned',
    regions: ALL_CUSTOMER_BUCKETS,
  },
  {
    identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
    claims: ['DATA-4'],
    watches: 'every bucket blocks public access at bucket level',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'S3_BUCKET_ACL_PROHIBITED',
    claims: ['DATA-4'],
    watches: 'the customer-data buckets allow no ACLs (owner enforced)',
    regions: ALL_CUSTOMER_BUCKETS,
  },
  {
    identifier: 'S3_LIFECYCLE_POLICY_CHECK',
    claims: ['DATA-4'],
    watches: 'the upload bucket has a lifecycle configuration (noncurrent versions)',
    regions: { primary: ['uploads'] },
  },
  {
    identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
    claims: ['TRANSIT-1'],
    watches: 'every bucket policy denies requests without TLS',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK',
    claims: ['TRANSIT-1'],
    watches: 'every HTTP listener of an Application Load Balancer redirects to HTTPS',
    regions: PRIMARY_ACCOUNT,
  },
  {
    // ELB_TLS_HTTPS_LISTENERS_ONLY judges Classic Load Balancers only; this one judges ALB HTTPS listeners.
    identifier: 'ELBV2_PREDEFINED_SECURITY_POLICY_SSL_CHECK',
    claims: ['TRANSIT-1'],
    watches: "every HTTPS listener uses the platform's TLS 1.3 / 1.2-minimum security policy",
    regions: PRIMARY_ACCOUNT,
    inputParameters: { sslPolicies: { from: 'sslPolicies' } },
  },
  {
    identifier: 'VPC_FLOW_LOGS_ENABLED',
    claims: ['TRANSIT-2'],
    watches: 'every VPC has flow logs',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    claims: ['TRANSIT-2'],
    watches: 'default security groups allow no traffic',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
    claims: ['TRANSIT-2'],
    watches: 'no database instance is publicly accessible',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'S3_DEFAULT_ENCRYPTION_KMS',
    claims: ['REST-1'],
    watches: 'the customer-data buckets and their replicas encrypt with KMS by default',
    regions: ALL_CUSTOMER_BUCKETS,
  },
  {
    identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED',
    claims: ['REST-1', 'REST-2', 'REST-3'],
    watches: 'customer managed keys rotate',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'RDS_STORAGE_ENCRYPTED',
    claims: ['REST-2'],
    watches: 'database instance storage is encrypted',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'RDS_CLUSTER_ENCRYPTED_AT_REST',
    claims: ['REST-2'],
    watches: 'the Aurora cluster is encrypted at rest',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
    claims: ['REST-3'],
    watches: 'every recovery point, in both regions, is encrypted',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
    claims: ['REST-3'],
    watches: 'the vaults do not allow recovery points to be deleted by hand',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'ELBV2_MULTIPLE_AZ',
    claims: ['HA-1'],
    watches: 'the load balancer spans three Availability Zones',
    regions: PRIMARY_ACCOUNT,
    inputParameters: { minAvailabilityZones: '3' },
  },
  {
    identifier: 'SECRETSMANAGER_USING_CMK',
    claims: ['BILLING-1'],
    watches: 'secrets (the Stripe keys among them) are encrypted with a customer managed key',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'CLOUD_TRAIL_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'a CloudTrail trail is on',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'a multi-region trail records management events',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'the trail signs digests of its log files',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'the trail encrypts with KMS',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'a trail records S3 data events',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'RDS_LOGGING_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'database logs are exported to CloudWatch Logs',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'GUARDDUTY_ENABLED_CENTRALIZED',
    claims: ['MONITOR-2'],
    watches: 'GuardDuty is on in the region (also when an organisation runs it)',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'SECURITYHUB_ENABLED',
    claims: ['MONITOR-2'],
    watches: 'Security Hub is on in the region',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'ALB_WAF_ENABLED',
    claims: ['MONITOR-2'],
    watches: 'the Application Load Balancer has a web ACL',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'SNS_ENCRYPTED_KMS',
    claims: ['MONITOR-3'],
    watches: 'SNS topics (the alert topic among them) are encrypted with KMS',
    regions: PRIMARY_ACCOUNT,
  },
  {
    identifier: 'CLOUDWATCH_ALARM_ACTION_CHECK',
    claims: ['MONITOR-2', 'MONITOR-3'],
    watches: 'every alarm has an action for the ALARM state',
    regions: PRIMARY_ACCOUNT,
    inputParameters: {
      alarmActionRequired: 'true',
      insufficientDataActionRequired: 'false',
      okActionRequired: 'false',
    },
  },
];

/**
 * Infrastructure claims no AWS managed rule can watch, and why; the check accepts them without a rule and the
 * evidence says so, instead of leaving the gap silent.
 */
export const CLAIMS_WITHOUT_CONFIG_RULE: Readonly<Partial<Record<ClaimId, string>>> = {
  'RESPONSE-1':
    "no AWS managed Config rule reads a listener rule's fixed response; security.txt is watched by its expiry alarm and the synth-time check",
};

/** Prefix of every platform Config rule name, so that alerts can select the platform's own rules. */
export function configRuleNamePrefix(environmentName: string): string {
  return `${environmentName}-`;
}

/** The Config rule name the platform gives a requirement in one scope (bucket-scoped rules carry the bucket role). */
export function configRuleName(environmentName: string, identifier: string, bucket?: WatchedBucket): string {
  const base = `${configRuleNamePrefix(environmentName)}${identifier.toLowerCase().replace(/_/g, '-')}`;
  return bucket ? `${base}-${bucket}` : base;
}
