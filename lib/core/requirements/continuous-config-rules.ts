import type { ClaimId } from '../claims/claim';

/**
 * What keeps checking each claim after deploy: AWS managed Config rules watching the same properties the synth-time
 * checks prove, in the running account. The platform declares them (lib/monitoring/continuous-config-rules.ts),
 * the app-wide check ContinuousConfigRulesDeclared judges the templates against this table, and the evidence lists
 * per claim the rules that watch it. Identifiers are AWS Config's (developer guide, "List of AWS Config Managed
 * Rules"); each one is also in aws-cdk-lib's `ManagedRuleIdentifiers` or the developer guide. Where AWS offers each
 * rule: config-rule-regions.ts.
 */

/** Which of the platform's regions a rule runs in. */
export type PlatformRegionRole = 'primary' | 'recovery';

/** A customer-data bucket a rule can be scoped to, by its role (names from physicalNames). */
export type WatchedBucket = 'uploads' | 'dumps' | 'uploads-replica' | 'dumps-replica';

/**
 * What a rule judges in one region, so that it judges the platform and not the rest of the account:
 * - `platform`: the platform's own resources, selected by the tag every platform resource carries
 *   (PLATFORM_TAG_KEY = environment name): `Scope.TagKey/TagValue` for change-triggered rules, the rule's own
 *   `resourceTags` parameter for periodic ones (Config applies a scope to change-triggered evaluations only);
 * - a list of buckets: one rule per bucket, by name (`Scope.ComplianceResourceId`, or the `resourceId` parameter of a
 *   periodic rule), where even the platform's own access-log buckets (SSE-S3 only, never replicated) would fail;
 * - `account`: a setting of the account and region itself (a trail on, a detector on), which no scope narrows and
 *   every claim relies on;
 * - `hygiene`: every resource of a type in the account (the default VPC's, other teams'), because neither a scope nor
 *   a parameter selects the platform's own (periodic rules; resources that carry no tag: listeners, default security
 *   groups, recovery points). These are named `hygiene-<env>-...` and alert as account hygiene, not as a claim that
 *   stopped holding (SecurityAlerts `ConfigRuleHygiene`).
 */
export type RuleScope = 'platform' | 'account' | 'hygiene' | readonly WatchedBucket[];

/**
 * A parameter value taken from the environment (config or region) instead of written here:
 * - `retentionInRegion`: days recovery points are kept in this region: the configured retention, capped at
 *   MAX_CONTINUOUS_BACKUP_DAYS in the primary region (the plan's rule keeps continuous backups at most that long;
 *   only the copies in the recovery region keep the full retention);
 * - `sslPolicies`: the ELB security policies an HTTPS listener may use;
 * - `platformTag`: `{"<PLATFORM_TAG_KEY>":"<environment>"}` (a periodic rule's `resourceTags`);
 * - `bucketName`: the watched bucket's name (a periodic rule's `resourceId`);
 * - `customerBuckets`: the region's customer-data bucket names, comma-separated;
 * - `breakGlassPrincipals`: the principals a vault's deletion Deny exempts, comma-separated.
 */
export interface ConfigDerivedParameter {
  readonly from:
    'retentionInRegion' | 'sslPolicies' | 'platformTag' | 'bucketName' | 'customerBuckets' | 'breakGlassPrincipals';
}

export interface ConfigRuleRequirement {
  /** AWS managed rule identifier (`Source.SourceIdentifier`). */
  readonly identifier: string;
  readonly claims: readonly ClaimId[];
  /** The property it watches, in an auditor's words. */
  readonly watches: string;
  /** How AWS Config triggers it (the rule's page): a scope narrows change-triggered evaluations only. */
  readonly trigger: 'change' | 'periodic';
  /** The regions it must run in and what it judges there. */
  readonly regions: Readonly<Partial<Record<PlatformRegionRole, RuleScope>>>;
  readonly inputParameters?: Readonly<Record<string, string | ConfigDerivedParameter>>;
  /** Why the rule is `hygiene`, for the evidence and the docs. */
  readonly hygieneBecause?: string;
}

/** The tag every resource of a platform stage carries (value: the environment name); `platform` rules select by it. */
export const PLATFORM_TAG_KEY = 'pocketcity:platform';

/** AWS Backup keeps continuous (point-in-time) backups at most this many days. */
export const MAX_CONTINUOUS_BACKUP_DAYS = 35;

const BOTH_ACCOUNT = { primary: 'account', recovery: 'account' } as const;
const BOTH_PLATFORM = { primary: 'platform', recovery: 'platform' } as const;
const PRIMARY_PLATFORM = { primary: 'platform' } as const;
const BOTH_HYGIENE = { primary: 'hygiene', recovery: 'hygiene' } as const;
const PRIMARY_HYGIENE = { primary: 'hygiene' } as const;
const ALL_CUSTOMER_BUCKETS = {
  primary: ['uploads', 'dumps'],
  recovery: ['uploads-replica', 'dumps-replica'],
} as const;
const PERIODIC = 'periodically judges every resource of its type; Config applies no scope to periodic evaluations';

export const CONTINUOUS_CONFIG_RULES: readonly ConfigRuleRequirement[] = [
  {
    identifier: 'RDS_CLUSTER_MULTI_AZ_ENABLED',
    claims: ['DATA-1', 'HA-1'],
    watches: 'the Aurora cluster has instances in more than one Availability Zone',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
  },
  {
    identifier: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
    claims: ['DATA-2'],
    watches: 'the backup plan has a rule at least daily that keeps recovery points for the configured retention',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
    inputParameters: {
      requiredFrequencyValue: '1',
      requiredFrequencyUnit: 'days',
      // The plan's own rule keeps continuous backups at most 35 days; longer retention lives in the copies.
      requiredRetentionDays: { from: 'retentionInRegion' },
    },
  },
  {
    identifier: 'AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
    claims: ['DATA-2'],
    watches: 'the Aurora cluster is in a backup plan',
    trigger: 'periodic',
    regions: PRIMARY_PLATFORM,
    inputParameters: { resourceTags: { from: 'platformTag' } },
  },
  {
    identifier: 'S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
    claims: ['DATA-2'],
    watches: 'the upload bucket is in a backup plan',
    trigger: 'periodic',
    regions: { primary: ['uploads'] },
    inputParameters: { resourceId: { from: 'bucketName' } },
  },
  {
    identifier: 'S3_BUCKET_REPLICATION_ENABLED',
    claims: ['DATA-3'],
    watches: 'the upload and dump buckets replicate (to the recovery region)',
    trigger: 'change',
    regions: { primary: ['uploads', 'dumps'] },
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
    claims: ['DATA-2', 'DATA-3'],
    watches:
      'recovery points are kept at least as long as the plan says in that region (35 days at most in the primary, the configured retention for the copies)',
    trigger: 'change',
    regions: BOTH_HYGIENE,
    inputParameters: { requiredRetentionDays: { from: 'retentionInRegion' } },
    hygieneBecause:
      'a recovery point carries the tags of its source only for some resource types, and a copy may carry none: a tag scope could silently judge nothing',
  },
  {
    identifier: 'S3_BUCKET_VERSIONING_ENABLED',
    claims: ['DATA-4'],
    watches: 'the customer-data buckets and their replicas are versioned',
    trigger: 'change',
    regions: ALL_CUSTOMER_BUCKETS,
  },
  {
    identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
    claims: ['DATA-4'],
    watches: 'every platform bucket blocks public access at bucket level',
    trigger: 'change',
    regions: BOTH_PLATFORM,
  },
  {
    identifier: 'S3_BUCKET_ACL_PROHIBITED',
    claims: ['DATA-4'],
    watches: 'the customer-data buckets allow no ACLs (owner enforced)',
    trigger: 'change',
    regions: ALL_CUSTOMER_BUCKETS,
  },
  {
    identifier: 'S3_LIFECYCLE_POLICY_CHECK',
    claims: ['DATA-4'],
    watches: 'the upload bucket has a lifecycle configuration (noncurrent versions)',
    trigger: 'change',
    regions: { primary: ['uploads'] },
  },
  {
    identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
    claims: ['TRANSIT-1'],
    watches: "every platform bucket's policy denies requests without TLS",
    trigger: 'change',
    regions: BOTH_PLATFORM,
  },
  {
    identifier: 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK',
    claims: ['TRANSIT-1'],
    watches: 'every HTTP listener of an Application Load Balancer redirects to HTTPS',
    trigger: 'periodic',
    regions: PRIMARY_HYGIENE,
    hygieneBecause: PERIODIC,
  },
  {
    // ELB_TLS_HTTPS_LISTENERS_ONLY judges Classic Load Balancers only; this one judges ALB HTTPS listeners.
    identifier: 'ELBV2_PREDEFINED_SECURITY_POLICY_SSL_CHECK',
    claims: ['TRANSIT-1'],
    watches: "every HTTPS listener uses the platform's TLS 1.3 / 1.2-minimum security policy",
    trigger: 'change',
    regions: PRIMARY_HYGIENE,
    inputParameters: { sslPolicies: { from: 'sslPolicies' } },
    hygieneBecause:
      'listeners carry no tags (AWS::ElasticLoadBalancingV2::Listener has none) and a listener ARN would be a reference into the service stack, which deploys after this one',
  },
  {
    identifier: 'VPC_FLOW_LOGS_ENABLED',
    claims: ['TRANSIT-2'],
    watches: 'every VPC has flow logs',
    trigger: 'periodic',
    regions: PRIMARY_HYGIENE,
    hygieneBecause: `${PERIODIC} (the default VPC included)`,
  },
  {
    identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    claims: ['TRANSIT-2'],
    watches: 'default security groups allow no traffic',
    trigger: 'change',
    regions: PRIMARY_HYGIENE,
    hygieneBecause:
      "EC2 creates a VPC's default security group, so it carries no stack tag; the default VPC's own group is open until closed by hand",
  },
  {
    identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
    claims: ['TRANSIT-2'],
    watches: 'no database instance of the platform is publicly accessible',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
  },
  {
    identifier: 'S3_DEFAULT_ENCRYPTION_KMS',
    claims: ['REST-1'],
    watches: 'the customer-data buckets and their replicas encrypt with KMS by default',
    trigger: 'change',
    regions: ALL_CUSTOMER_BUCKETS,
  },
  {
    identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED',
    claims: ['REST-1', 'REST-2', 'REST-3'],
    watches: 'customer managed keys rotate',
    trigger: 'periodic',
    regions: BOTH_HYGIENE,
    hygieneBecause: `${PERIODIC} (every team's keys)`,
  },
  {
    identifier: 'RDS_STORAGE_ENCRYPTED',
    claims: ['REST-2'],
    watches: 'database instance storage is encrypted',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
  },
  {
    identifier: 'RDS_CLUSTER_ENCRYPTED_AT_REST',
    claims: ['REST-2'],
    watches: 'the Aurora cluster is encrypted at rest',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
    claims: ['REST-3'],
    watches: 'every recovery point, in both regions, is encrypted',
    trigger: 'change',
    regions: BOTH_HYGIENE,
    hygieneBecause:
      'a recovery point carries the tags of its source only for some resource types, and a copy may carry none: a tag scope could silently judge nothing',
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
    claims: ['REST-3'],
    watches:
      'the vaults deny deleting recovery points, shortening their lifecycle and replacing the policy, in one statement, to all but break glass',
    trigger: 'change',
    regions: BOTH_PLATFORM,
    inputParameters: { principalArnList: { from: 'breakGlassPrincipals' } },
  },
  {
    identifier: 'ELBV2_MULTIPLE_AZ',
    claims: ['HA-1'],
    watches: 'the load balancer spans three Availability Zones',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
    inputParameters: { minAvailabilityZones: '3' },
  },
  {
    identifier: 'SECRETSMANAGER_USING_CMK',
    claims: ['BILLING-1'],
    watches: 'the platform secrets (the Stripe keys among them) are encrypted with a customer managed key',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
  },
  {
    identifier: 'CLOUD_TRAIL_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'a CloudTrail trail is on',
    trigger: 'periodic',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'a multi-region trail records management events',
    trigger: 'periodic',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'trails sign digests of their log files',
    trigger: 'periodic',
    regions: BOTH_HYGIENE,
    hygieneBecause: `${PERIODIC} (every trail of the account)`,
  },
  {
    identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'trails encrypt with KMS',
    trigger: 'periodic',
    regions: BOTH_HYGIENE,
    hygieneBecause: `${PERIODIC} (every trail of the account)`,
  },
  {
    identifier: 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED',
    claims: ['MONITOR-1'],
    watches: "a trail records S3 data events on the region's customer-data buckets",
    trigger: 'periodic',
    regions: BOTH_ACCOUNT,
    inputParameters: { S3BucketNames: { from: 'customerBuckets' } },
  },
  {
    identifier: 'RDS_LOGGING_ENABLED',
    claims: ['MONITOR-1'],
    watches: 'database logs are exported to CloudWatch Logs',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
  },
  {
    identifier: 'GUARDDUTY_ENABLED_CENTRALIZED',
    claims: ['MONITOR-2'],
    watches: 'GuardDuty is on in the region (also when an organisation runs it)',
    trigger: 'periodic',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'SECURITYHUB_ENABLED',
    claims: ['MONITOR-2'],
    watches: 'Security Hub is on in the region',
    trigger: 'periodic',
    regions: BOTH_ACCOUNT,
  },
  {
    identifier: 'ALB_WAF_ENABLED',
    claims: ['MONITOR-2'],
    watches: "the platform's Application Load Balancer has a web ACL",
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
  },
  {
    identifier: 'SNS_ENCRYPTED_KMS',
    claims: ['MONITOR-3'],
    watches: 'the platform topics (the alert topic among them) are encrypted with KMS',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
  },
  {
    identifier: 'CLOUDWATCH_ALARM_ACTION_CHECK',
    claims: ['MONITOR-2', 'MONITOR-3'],
    watches: 'every platform alarm has an action for the ALARM state',
    trigger: 'change',
    regions: PRIMARY_PLATFORM,
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

/**
 * Prefix of the platform's account-hygiene rules (scope `hygiene`): it does not start with configRuleNamePrefix, so
 * the "a claim stopped holding" alert never matches them.
 */
export function hygieneConfigRuleNamePrefix(environmentName: string): string {
  return `hygiene-${environmentName}-`;
}

/**
 * The Config rule name the platform gives a requirement in one scope (bucket-scoped rules carry the bucket role,
 * hygiene rules the hygiene prefix).
 */
export function configRuleName(
  environmentName: string,
  identifier: string,
  bucket?: WatchedBucket,
  hygiene = false,
): string {
  const prefix = hygiene ? hygieneConfigRuleNamePrefix(environmentName) : configRuleNamePrefix(environmentName);
  const base = `${prefix}${identifier.toLowerCase().replace(/_/g, '-')}`;
  return bucket ? `${base}-${bucket}` : base;
}

/** The requirements AWS does not offer in a region where the table runs them (config-rule-regions.ts). */
export function configRulesMissingIn(
  role: PlatformRegionRole,
  region: string,
  offeredIn: (identifier: string, region: string) => boolean,
): ConfigRuleRequirement[] {
  return CONTINUOUS_CONFIG_RULES.filter((r) => r.regions[role] !== undefined && !offeredIn(r.identifier, region));
}
