/** Request context and action lists several claims' flows share. */

/** A data key of a bucket's key, asked for by S3 on the caller's behalf. */
export const VIA_S3 = { 'kms:ViaService': 's3.{region}.amazonaws.com' } as const;

/** A secret's key, used by Secrets Manager on the caller's behalf. */
export const VIA_SECRETS_MANAGER = { 'kms:ViaService': 'secretsmanager.{region}.amazonaws.com' } as const;

/** A key used by CloudWatch Logs to encrypt a log group's events (any log group's ARN stands for it). */
export const LOGS_ENCRYPTION_CONTEXT = {
  'kms:EncryptionContext:aws:logs:arn': 'arn:{partition}:logs:{region}:{account}:log-group:flow-proof',
} as const;

/**
 * Using a key directly, outside any service (no kms:ViaService): what a principal class must never be allowed on a
 * key of customer data, since no bucket, secret or vault policy stands between such a call and the plaintext.
 */
export const DIRECT_KEY_USE_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'];

/** What a writer of a log group does: open a stream, put events into it. */
export const LOG_STREAM_ACTIONS: readonly string[] = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** What CloudWatch Logs asks of a log group's key. */
export const LOGS_KEY_ACTIONS: readonly string[] = ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'];

/** What reading an image from ECR takes, besides the registry token. */
export const ECR_PULL_ACTIONS: readonly string[] = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
];
