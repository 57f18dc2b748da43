import { claimFlows } from './flow-requirement';
import {
  DIRECT_KEY_USE_ACTIONS,
  LOG_STREAM_ACTIONS,
  LOGS_ENCRYPTION_CONTEXT,
  LOGS_KEY_ACTIONS,
  VIA_SECRETS_MANAGER,
} from './shared';

const TRAIL_SOURCE = { 'aws:SourceAccount': '{account}', 'aws:SourceArn': { arnOf: { role: 'audit-trail' } } } as const;

/**
 * MONITOR-1: the database bootstrap sets up pgaudit with the master secret, which no other role reads (the dump has a
 * login of its own);
 * the trail delivers to its bucket, key and log group; S3 delivers every bucket's server access logs.
 */
export const MONITOR_1_FLOWS = claimFlows('MONITOR-1', {
  required: [
    // The service logs in to the database as its own role with IAM authentication, the dump as its own read-only
    // role: neither holds the master secret (forbidden flow `master-secret-read-only-by-bootstrap`).
    {
      id: 'bootstrap-reads-database-secret',
      description: 'The database bootstrap function reads the master secret, to create the roles and pgaudit settings',
      principal: { role: 'bootstrap-function-role' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'database-cluster' }, part: 'masterUserSecret' },
    },
    {
      id: 'bootstrap-decrypts-database-secret',
      description:
        "The database bootstrap function decrypts the master secret with the secret's key, through Secrets Manager",
      principal: { role: 'bootstrap-function-role' },
      actions: ['kms:Decrypt'],
      resource: { keyOf: { role: 'database-cluster' }, part: 'masterUserSecret' },
      context: VIA_SECRETS_MANAGER,
    },
    {
      id: 'bootstrap-reads-dump-reader-secret',
      description: "The database bootstrap function reads the dump reader's secret, to set that role's password",
      principal: { role: 'bootstrap-function-role' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'dump-reader-secret' } },
    },
    {
      id: 'bootstrap-decrypts-dump-reader-secret',
      description: "The database bootstrap function decrypts the dump reader's secret through Secrets Manager",
      principal: { role: 'bootstrap-function-role' },
      actions: ['kms:Decrypt'],
      resource: { keyOf: { role: 'dump-reader-secret' } },
      context: VIA_SECRETS_MANAGER,
    },
    {
      id: 'trail-checks-bucket-acl',
      description: "CloudTrail reads the trail bucket's ACL before delivering",
      principal: { service: 'cloudtrail.amazonaws.com' },
      actions: ['s3:GetBucketAcl'],
      resource: { resource: { role: 'audit-trail-bucket' } },
      context: TRAIL_SOURCE,
    },
    {
      id: 'trail-delivers-log-files',
      description: 'CloudTrail writes log files into the trail bucket with bucket-owner-full-control',
      principal: { service: 'cloudtrail.amazonaws.com' },
      actions: ['s3:PutObject'],
      resource: {
        resource: { role: 'audit-trail-bucket' },
        part: 'objects',
        objectKey: 'AWSLogs/{account}/CloudTrail/{region}/flow-proof.json.gz',
      },
      context: { ...TRAIL_SOURCE, 's3:x-amz-acl': 'bucket-owner-full-control' },
    },
    {
      id: 'trail-encrypts-log-files',
      description: "CloudTrail generates data keys with the trail's key and describes it",
      principal: { service: 'cloudtrail.amazonaws.com' },
      actions: ['kms:GenerateDataKey', 'kms:DescribeKey'],
      resource: { keyOf: { role: 'audit-trail' } },
      context: {
        'aws:SourceAccount': '{account}',
        'kms:EncryptionContext:aws:cloudtrail:arn': { arnOf: { role: 'audit-trail' } },
      },
    },
    {
      id: 'trail-delivers-to-log-group',
      description: "CloudTrail's log role creates streams in the trail log group and writes events",
      principal: { role: 'audit-trail-logs-role' },
      actions: LOG_STREAM_ACTIONS,
      resource: { resource: { role: 'audit-trail-log-group' }, part: 'logStreams' },
    },
    {
      id: 'trail-log-group-encrypted-by-logs',
      description: "CloudWatch Logs encrypts the trail log group's events with its key",
      principal: { service: 'logs.{region}.amazonaws.com' },
      actions: LOGS_KEY_ACTIONS,
      resource: { keyOf: { role: 'audit-trail-log-group' } },
      context: LOGS_ENCRYPTION_CONTEXT,
    },
    {
      id: 'server-access-logs-deliver',
      description: "S3's log delivery writes each logging bucket's server access logs into its target bucket",
      principal: { service: 'logging.s3.amazonaws.com' },
      actions: ['s3:PutObject'],
      resource: { accessLogTargetOf: { type: 'AWS::S3::Bucket' } },
      context: { 'aws:SourceAccount': '{account}' },
    },
  ],
  forbidden: [
    {
      id: 'master-secret-read-only-by-bootstrap',
      description:
        'No role but the database bootstrap function reads the database master secret: the service and the dump log in as roles of their own',
      principal: { everyRoleExcept: ['bootstrap-function-role'] },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'database-cluster' }, part: 'masterUserSecret' },
    },
    {
      id: 'dump-reader-secret-read-only-by-bootstrap-and-dump',
      description:
        "No role but the database bootstrap function (which sets the password), the dump task's execution role (which ECS hands the secret to) and the restore validation (which reads restored clusters as the dump reader) reads the dump reader's secret",
      principal: { everyRoleExcept: ['bootstrap-function-role', 'dump-execution-role', 'restore-validation-role'] },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'dump-reader-secret' } },
    },
    {
      id: 'master-secret-not-read-by-other-accounts',
      description: 'No principal of another account reads the database master secret',
      principal: { principalClass: 'other-account' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'database-cluster' }, part: 'masterUserSecret' },
    },
    {
      id: 'master-secret-key-not-used-directly-by-any-identity',
      description:
        "No identity of the account decrypts with the master secret's key outside a service, whatever its identity policy says",
      principal: { principalClass: 'this-account-any-identity' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'database-cluster' }, part: 'masterUserSecret' },
    },
  ],
});
