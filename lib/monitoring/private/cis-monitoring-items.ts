/**
 * The CIS AWS Foundations Benchmark monitoring items (Security Hub controls CloudWatch.1-14, the ones the security
 * page's MONITOR-2/3 rely on): one metric filter pattern per item, on the CloudTrail log group.
 */
export interface CisMonitoringItem {
  /** Construct id and metric name suffix. */
  readonly id: string;
  /** What the alarm means, in the words of the benchmark. */
  readonly description: string;
  /** CloudWatch Logs filter pattern over CloudTrail JSON events. */
  readonly pattern: string;
}

const anyEvent = (...names: string[]): string => names.map((n) => `($.eventName = ${n})`).join(' || ');

export const CIS_MONITORING_ITEMS: readonly CisMonitoringItem[] = [
  {
    id: 'UnauthorizedApiCalls',
    description: 'Unauthorized API calls (CIS 4.1)',
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  },
  {
    id: 'ConsoleSignInWithoutMfa',
    description: 'Management console sign-in without MFA (CIS 4.2)',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: 'RootAccountUse',
    description: 'Usage of the root account (CIS 4.3)',
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: 'IamPolicyChanges',
    description: 'IAM policy changes (CIS 4.4)',
    pattern: `{ ${anyEvent(
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    )} }`,
  },
  {
    id: 'CloudTrailConfigChanges',
    description: 'CloudTrail configuration changes (CIS 4.5)',
    pattern: `{ ${anyEvent('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging')} }`,
  },
  {
    id: 'KmsKeyDisabledOrScheduledForDeletion',
    description: 'Disabling or scheduled deletion of customer managed keys (CIS 4.7)',
    pattern:
      '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  },
  {
    id: 'S3BucketPolicyChanges',
    description: 'S3 bucket policy changes (CIS 4.8)',
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent(
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    )}) }`,
  },
  {
    id: 'SecurityGroupChanges',
    description: 'Security group changes (CIS 4.10)',
    pattern: `{ ${anyEvent(
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    )} }`,
  },
  {
    id: 'NetworkAclChanges',
    description: 'Network ACL changes (CIS 4.11)',
    pattern: `{ ${anyEvent(
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    )} }`,
  },
];
