import { VAULT_LOCK_PUT_ACTIONS, VAULT_POLICY_AND_LOCK_ACTIONS, VAULT_POLICY_AND_UNLOCK_ACTIONS } from '../data';
import { claimFlows } from './flow-requirement';
import { DIRECT_KEY_USE_ACTIONS, ECR_PULL_ACTIONS, LOG_STREAM_ACTIONS, VIA_S3, VIA_SECRETS_MANAGER } from './shared';

/**
 * REST-3: the daily GPG dump task starts (execution role, with its own login's secret, never the master's) and
 * uploads (task role); the daily dump check reads the dumps back and can change none; AWS Backup encrypts into the
 * primary vault; and no one but break glass changes a vault's policy or lock.
 */
export const REST_3_FLOWS = claimFlows('REST-3', {
  required: [
    {
      id: 'dump-task-gets-registry-token',
      description: 'The dump task execution role gets an ECR authorization token to pull its image',
      principal: { role: 'dump-execution-role' },
      actions: ['ecr:GetAuthorizationToken'],
      resource: { arn: '*' },
    },
    {
      id: 'dump-task-pulls-image',
      description: "The dump task execution role pulls the dump image's layers from its ECR repository",
      principal: { role: 'dump-execution-role' },
      actions: ECR_PULL_ACTIONS,
      resource: { imageRepositoryOf: { role: 'dump-task-definition' } },
    },
    {
      id: 'dump-task-writes-log',
      description: "The dump task execution role creates the task's log stream and writes to it",
      principal: { role: 'dump-execution-role' },
      actions: LOG_STREAM_ACTIONS,
      resource: { resource: { role: 'dump-log-group' }, part: 'logStreams' },
    },
    {
      id: 'dump-task-reads-database-secret',
      description:
        "The dump task execution role reads the dump reader's secret, its own read-only login (injected as PGUSER / PGPASSWORD)",
      principal: { role: 'dump-execution-role' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'dump-reader-secret' } },
    },
    {
      id: 'dump-task-decrypts-database-secret',
      description:
        "The dump task execution role decrypts the dump reader's secret with the secret's key, through Secrets Manager",
      principal: { role: 'dump-execution-role' },
      actions: ['kms:Decrypt'],
      resource: { keyOf: { role: 'dump-reader-secret' } },
      context: VIA_SECRETS_MANAGER,
    },
    {
      id: 'dump-task-uploads-dump',
      description:
        'The dump task role uploads the dump: PutObject, and CreateMultipartUpload, UploadPart and CompleteMultipartUpload (which IAM authorizes as s3:PutObject), and AbortMultipartUpload',
      principal: { role: 'dump-task-role' },
      actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
      resource: { resource: { role: 'dumps-bucket' }, part: 'objects', objectKey: 'postgres/flow-proof.dump.gpg' },
    },
    {
      id: 'dump-task-encrypts-dump',
      description:
        "The dump task role uses the dump bucket's key through S3: GenerateDataKey for each upload, Decrypt for the parts of a multipart upload",
      principal: { role: 'dump-task-role' },
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resource: { keyOf: { role: 'dumps-bucket' } },
      context: VIA_S3,
    },
    {
      id: 'dump-check-lists-dumps',
      description: 'The dump check function role lists the dump bucket to find the newest dump',
      principal: { role: 'dump-check-role' },
      actions: ['s3:ListBucket'],
      resource: { resource: { role: 'dumps-bucket' } },
    },
    {
      id: 'dump-check-reads-dumps',
      description: 'The dump check function role reads a dump and its digest record back (GetObject)',
      principal: { role: 'dump-check-role' },
      actions: ['s3:GetObject'],
      resource: { resource: { role: 'dumps-bucket' }, part: 'objects', objectKey: 'postgres/flow-proof.pgdump.gpg' },
    },
    {
      id: 'dump-check-decrypts-dumps',
      description: "The dump check function role decrypts the dumps' SSE-KMS layer with the bucket's key, through S3",
      principal: { role: 'dump-check-role' },
      actions: ['kms:Decrypt'],
      resource: { keyOf: { role: 'dumps-bucket' } },
      context: VIA_S3,
    },
    {
      id: 'dump-check-writes-log',
      description: "The dump check function role creates its log stream and writes to it (the failed property's words)",
      principal: { role: 'dump-check-role' },
      actions: LOG_STREAM_ACTIONS,
      resource: { resource: { role: 'dump-check-log-group' }, part: 'logStreams' },
    },
    {
      id: 'backup-encrypts-primary-vault',
      description: "The AWS Backup role uses the primary vault's key through AWS Backup",
      principal: { role: 'backup-role' },
      actions: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
      resource: { keyOf: { role: 'primary-vault' } },
      context: { 'kms:ViaService': 'backup.{region}.amazonaws.com' },
    },
    // CloudFormation may set a vault's lock after its access policy when it creates the vault (the handler's order is
    // not documented), so the policy lets the deployment role set the lock (forbidden flows
    // `deployment-role-cannot-change-vault-policy-or-unlock` and `deployment-role-cannot-delete-recovery-points`).
    {
      id: 'deployment-role-sets-vault-lock',
      description:
        "The deployment role (CloudFormation's execution role in the vault's region) sets each vault's lock, which it may do after the access policy on create",
      principal: { deploymentRole: true },
      actions: VAULT_LOCK_PUT_ACTIONS,
      resource: { resource: { roles: ['primary-vault', 'recovery-vault'] } },
    },
  ],
  forbidden: [
    {
      id: 'dump-task-cannot-read-master-secret',
      description:
        "The dump task's execution role (which ECS hands the task's secrets with) does not read the database master secret: the dump logs in as its own read-only role",
      principal: { role: 'dump-execution-role' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'database-cluster' }, part: 'masterUserSecret' },
    },
    {
      id: 'dump-check-cannot-change-dumps',
      description: 'The dump check function role reads the dumps and cannot write, overwrite or delete one',
      principal: { role: 'dump-check-role' },
      actions: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
      resource: { resource: { role: 'dumps-bucket' }, part: 'objects', objectKey: 'postgres/flow-proof.pgdump.gpg' },
    },
    {
      id: 'no-role-changes-vault-policy-or-lock',
      description:
        "No role of the platform but the named break-glass role changes or removes a vault's access policy or its Vault Lock",
      principal: { everyRoleExcept: ['break-glass-role'] },
      actions: [...VAULT_POLICY_AND_LOCK_ACTIONS, 'backup:DeleteBackupVault'],
      resource: { resource: { type: 'AWS::Backup::BackupVault' } },
    },
    {
      id: 'deployment-role-cannot-change-vault-policy-or-unlock',
      description:
        "Not even the deployment role (CloudFormation's execution role, an administrator) replaces or removes a vault's access policy or removes its lock: a deploy that changes the policy breaks glass first (docs/runbooks/backup-break-glass.md)",
      principal: { deploymentRole: true },
      actions: VAULT_POLICY_AND_UNLOCK_ACTIONS,
      resource: { resource: { type: 'AWS::Backup::BackupVault' } },
    },
    {
      id: 'dump-key-not-used-directly-by-any-identity',
      description:
        "No identity of the account decrypts with the dump bucket's key outside a service, whatever its identity policy says",
      principal: { principalClass: 'this-account-any-identity' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'dumps-bucket' } },
    },
    {
      id: 'dump-key-not-used-by-other-accounts',
      description: "No principal of another account uses the dump bucket's key, directly or through S3",
      principal: { principalClass: 'other-account' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'dumps-bucket' } },
      context: VIA_S3,
    },
    {
      id: 'vault-keys-not-used-directly-by-any-identity',
      description:
        "No identity of the account decrypts with a vault's key outside a service, whatever its identity policy says",
      principal: { principalClass: 'this-account-any-identity' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { roles: ['primary-vault', 'recovery-vault'] } },
    },
    {
      id: 'vault-keys-not-used-by-other-accounts',
      description: "No principal of another account uses a vault's key",
      principal: { principalClass: 'other-account' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { roles: ['primary-vault', 'recovery-vault'] } },
    },
  ],
});
