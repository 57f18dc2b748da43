/**
 * Where AWS does not offer an AWS managed Config rule the platform declares: a CfnConfigRule whose identifier the
 * region lacks fails the stack on create. Read from each rule's page in the AWS Config developer guide
 * (https://docs.aws.amazon.com/config/latest/developerguide/<rule-name>.html, "AWS Region: All supported AWS regions
 * except ..."), stored copies read 2026-12-06. Only regions the config accepts (lib/config/aws-regions.ts) are listed.
 *
 * Several copies of a page were found and they disagree as AWS adds regions. Rule: the copy that names the newest
 * region (Asia Pacific (New Zealand)) wins; without one, the union of the English copies (refusing a deploy that might
 * have worked is a clear, fixable synth error; accepting one that fails half-way is not). When a page now offers a rule
 * in a region listed here, delete the region from its row, citing the page and the date.
 */
export interface ConfigRuleAvailability {
  /** Regions (accepted by the config) where AWS does not offer the rule. */
  readonly unavailableIn: readonly string[];
  /** `reviewed`: a page (or a translation of it, noted) was read; `not-reviewed`: assumed everywhere, unverified. */
  readonly status: 'reviewed' | 'not-reviewed';
  /** What was read, when it is not simply the English page. */
  readonly note?: string;
}

export const CONFIG_RULE_AVAILABILITY_SOURCE =
  'https://docs.aws.amazon.com/config/latest/developerguide/<rule-name>.html';
export const CONFIG_RULE_AVAILABILITY_READ = '2026-12-06';

// Regions by name as the pages give them.
const THAILAND = 'ap-southeast-7';
const MALAYSIA = 'ap-southeast-5';
const MEXICO = 'mx-central-1';
const TEL_AVIV = 'il-central-1';
const CALGARY = 'ca-west-1';
/** The five regions the AWS Backup rules' pages exclude. */
const BACKUP_RULE_GAPS = [THAILAND, MALAYSIA, MEXICO, TEL_AVIV, CALGARY];
const everywhere: ConfigRuleAvailability = { unavailableIn: [], status: 'reviewed' };
const notReviewed: ConfigRuleAvailability = { unavailableIn: [], status: 'not-reviewed' };

export const CONFIG_RULE_AVAILABILITY: Readonly<Record<string, ConfigRuleAvailability>> = {
  RDS_CLUSTER_MULTI_AZ_ENABLED: {
    unavailableIn: [THAILAND, MALAYSIA, MEXICO],
    status: 'reviewed',
    note: 'one English copy lists Beijing only; an older one ("Hermes clusters") is left out as superseded',
  },
  BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: { unavailableIn: BACKUP_RULE_GAPS, status: 'reviewed' },
  AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN: { unavailableIn: BACKUP_RULE_GAPS, status: 'reviewed' },
  S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN: {
    unavailableIn: BACKUP_RULE_GAPS,
    status: 'reviewed',
    note: 'translations (pt-BR, de, es) of the page',
  },
  S3_BUCKET_REPLICATION_ENABLED: everywhere,
  BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK: { unavailableIn: BACKUP_RULE_GAPS, status: 'reviewed' },
  S3_BUCKET_VERSIONING_ENABLED: { unavailableIn: [THAILAND, MEXICO], status: 'reviewed' },
  S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED: everywhere,
  S3_BUCKET_ACL_PROHIBITED: {
    unavailableIn: [THAILAND, MEXICO],
    status: 'reviewed',
    note: 'the copies naming New Zealand (docs.aws.amazon.com and docs.amazonaws.cn .md)',
  },
  S3_LIFECYCLE_POLICY_CHECK: {
    unavailableIn: [THAILAND, MALAYSIA, MEXICO, CALGARY],
    status: 'reviewed',
    note: 'the zh-CN translation of the page',
  },
  S3_BUCKET_SSL_REQUESTS_ONLY: everywhere,
  ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK: everywhere,
  ELBV2_PREDEFINED_SECURITY_POLICY_SSL_CHECK: {
    unavailableIn: [
      THAILAND,
      'ap-southeast-3',
      'me-central-1',
      'ap-south-2',
      MALAYSIA,
      'ap-southeast-4',
      MEXICO,
      TEL_AVIV,
      CALGARY,
      'eu-south-2',
      'eu-central-2',
    ],
    status: 'reviewed',
    note: 'the copy naming New Zealand (docs.amazonaws.cn); an older copy also excludes me-south-1',
  },
  VPC_FLOW_LOGS_ENABLED: everywhere,
  VPC_DEFAULT_SECURITY_GROUP_CLOSED: everywhere,
  RDS_INSTANCE_PUBLIC_ACCESS_CHECK: everywhere,
  S3_DEFAULT_ENCRYPTION_KMS: everywhere,
  CMK_BACKING_KEY_ROTATION_ENABLED: everywhere,
  RDS_STORAGE_ENCRYPTED: { unavailableIn: [], status: 'reviewed', note: 'the zh-CN translation of the page' },
  RDS_CLUSTER_ENCRYPTED_AT_REST: { unavailableIn: [THAILAND, MALAYSIA, MEXICO, CALGARY], status: 'reviewed' },
  BACKUP_RECOVERY_POINT_ENCRYPTED: {
    unavailableIn: BACKUP_RULE_GAPS,
    status: 'reviewed',
    note: 'the copy naming New Zealand; an older copy also excluded ap-southeast-3/4, ap-south-2, me-central-1, eu-south-2, eu-central-2',
  },
  BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: { unavailableIn: BACKUP_RULE_GAPS, status: 'reviewed' },
  // Declared only with config backup.logicallyAirGappedVault (lib/core/requirements/air-gapped-vault.ts); the page
  // also excludes Taipei, which the config does not accept.
  AURORA_RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT: {
    unavailableIn: BACKUP_RULE_GAPS,
    status: 'reviewed',
    note: 'read 2026-12-07 (English page and its translations agree)',
  },
  ELBV2_MULTIPLE_AZ: { unavailableIn: [THAILAND, MALAYSIA, MEXICO, CALGARY], status: 'reviewed' },
  SECRETSMANAGER_USING_CMK: notReviewed,
  CLOUD_TRAIL_ENABLED: notReviewed,
  MULTI_REGION_CLOUD_TRAIL_ENABLED: notReviewed,
  CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED: notReviewed,
  CLOUD_TRAIL_ENCRYPTION_ENABLED: notReviewed,
  CLOUDTRAIL_S3_DATAEVENTS_ENABLED: { unavailableIn: [], status: 'reviewed', note: 'excludes Taipei only' },
  RDS_LOGGING_ENABLED: everywhere,
  GUARDDUTY_ENABLED_CENTRALIZED: notReviewed,
  SECURITYHUB_ENABLED: { unavailableIn: [], status: 'reviewed', note: 'the docs.amazonaws.cn copy' },
  ALB_WAF_ENABLED: notReviewed,
  SNS_ENCRYPTED_KMS: {
    unavailableIn: ['me-central-1', 'ap-northeast-3', 'ap-southeast-4', TEL_AVIV, 'eu-south-2', 'eu-central-2'],
    status: 'reviewed',
    note: 'one English copy lists these, another none; the union is kept until a copy naming New Zealand settles it',
  },
  CLOUDWATCH_ALARM_ACTION_CHECK: notReviewed,
};

/** Whether AWS offers the rule in the region, as far as the table knows (an unlisted rule counts as offered). */
export function configRuleOfferedIn(identifier: string, region: string): boolean {
  return !(CONFIG_RULE_AVAILABILITY[identifier]?.unavailableIn ?? []).includes(region);
}
