import type { ClaimId } from '../claims/claim';
import {
  VAULT_LOCK_PUT_ACTIONS,
  VAULT_POLICY_AND_LOCK_ACTIONS,
  VAULT_POLICY_AND_UNLOCK_ACTIONS,
  VAULT_RECOVERY_POINT_ACTIONS,
} from './data';

/**
 * The requests each claim relies on (required flows) or rules out (forbidden flows), evaluated against the
 * synthesized identity, resource and key policies by an IAM policy engine. Data only: the flow checks of
 * lib/compliance/flows read this table, and its mutation tests are generated from it.
 *
 * Strings in `arn`, `objectKey`, `service` and context values may use `{partition}`, `{account}`, `{region}` (the
 * request's region), `{primaryRegion}`, `{recoveryRegion}` and `{guardDutyAgentAccount}` (GuardDuty's agent registry
 * of the request's region, from guardduty-agent.ts). Logical id and name selectors are regular expressions.
 */

/** Stack of a platform environment, by its construct id inside the stage. */
export type FlowStack = 'Network' | 'Data' | 'Service' | 'Monitoring' | 'Recovery';

/** Resources of the environment's templates. */
export interface FlowResourceSelector {
  readonly stack?: FlowStack;
  /** CloudFormation type, for example `AWS::S3::Bucket`. */
  readonly type: string;
  /** Regular expression on the logical id. @default - every resource of the type */
  readonly logicalId?: string;
}

/** An IAM role of the environment, by logical id and/or physical name. */
export interface FlowRoleSelector {
  readonly stack?: FlowStack;
  readonly logicalId?: string;
  readonly name?: string;
}

export type FlowPrincipal =
  /** A session of each role matched (the service assuming it is the caller). */
  | { readonly role: FlowRoleSelector }
  /** An AWS service principal acting on its own, for example `cloudtrail.amazonaws.com`. */
  | { readonly service: string }
  /** An unsigned request. */
  | { readonly anonymous: true }
  /** Every IAM role of the environment except the ones listed. */
  | { readonly everyRoleExcept: readonly FlowRoleSelector[] }
  /** An administrator of the account: a role whose identity policy allows every action on every resource. */
  | { readonly accountAdministrator: true }
  /**
   * The CDK bootstrap's CloudFormation execution role of the region of the resource the request acts on
   * (DEPLOYMENT_ROLE_ARN), allowed every action by its identity policy, as the bootstrap's AdministratorAccess is.
   */
  | { readonly deploymentRole: true }
  /** The execution role of each selected ECS task definition. */
  | { readonly executionRolesOf: FlowResourceSelector };

/** What a part of a selected resource the request acts on. */
export type FlowResourcePart =
  /** The resource's own ARN. */
  | 'arn'
  /** An object of a bucket (`objectKey`). */
  | 'objects'
  /** A log stream of a log group. */
  | 'logStreams'
  /** A recovery point kept in a backup vault (the vault's access policy applies). */
  | 'recoveryPoints'
  /** The RDS-managed master user secret of a database cluster. */
  | 'masterUserSecret';

export type FlowResource =
  | { readonly resource: FlowResourceSelector; readonly part?: FlowResourcePart; readonly objectKey?: string }
  /** The customer managed key that encrypts the selected resource (or its part). */
  | { readonly keyOf: FlowResourceSelector; readonly part?: FlowResourcePart }
  /** The ECR repositories of the images the selected task definitions run. */
  | { readonly imageRepositoryOf: FlowResourceSelector }
  /**
   * Where each selected bucket's server access logs land: an object under its `LogFilePrefix` in the bucket its
   * `LoggingConfiguration` names, the request carrying that source bucket as `aws:SourceArn`.
   */
  | { readonly accessLogTargetOf: FlowResourceSelector }
  /** A resource named by ARN, for what no template declares (snapshots AWS Backup creates, `*`). */
  | { readonly arn: string };

/** A context value: a literal (with placeholders) or the ARN of a selected resource. */
export type FlowContextValue = string | readonly string[] | { readonly arnOf: FlowResourceSelector };

export interface FlowRequirement {
  /** Unique, kebab-case; named in results and in the evidence. */
  readonly id: string;
  readonly claim: ClaimId;
  /** What the platform needs (required) or must never allow (forbidden), in words. */
  readonly description: string;
  readonly principal: FlowPrincipal;
  /** IAM actions; each is one request per principal and resource. */
  readonly actions: readonly string[];
  readonly resource: FlowResource;
  /** Region the request is made in. @default - the region of the resource's stack */
  readonly region?: 'primary' | 'recovery';
  /** Request context the service sends (aws:SecureTransport, s3:TlsVersion and the principal's keys are set). */
  readonly context?: Readonly<Record<string, FlowContextValue>>;
  /**
   * The resource belongs to AWS (another account) and its policy is not ours to read: only the principal's side is
   * proven, as if the resource policy allowed the request. @default false
   */
  readonly identitySideOnly?: boolean;
}

/**
 * The role CloudFormation deploys with: the CDK bootstrap's execution role, `cdk-<qualifier>-cfn-exec-role-<account>-
 * <region>`, here with `hnb659fds`, CDK's default bootstrap qualifier (what `cdk bootstrap` uses without
 * `--qualifier`, and what the stacks name in the vault policies). `{region}` is the region of the resource acted on.
 */
export const DEPLOYMENT_ROLE_ARN = 'arn:{partition}:iam::{account}:role/cdk-hnb659fds-cfn-exec-role-{account}-{region}';

const dataKeyViaS3 = { 'kms:ViaService': 's3.{region}.amazonaws.com' } as const;
const viaSecretsManager = { 'kms:ViaService': 'secretsmanager.{region}.amazonaws.com' } as const;
const dbCluster: FlowResourceSelector = { stack: 'Data', type: 'AWS::RDS::DBCluster' };
const dumpBucket: FlowResourceSelector = { stack: 'Data', type: 'AWS::S3::Bucket', logicalId: '^DumpsBucket' };
const uploadBucket: FlowResourceSelector = { stack: 'Data', type: 'AWS::S3::Bucket', logicalId: '^UploadsBucket' };
const recoveryVault: FlowResourceSelector = { stack: 'Recovery', type: 'AWS::Backup::BackupVault' };
const alertTopic: FlowResourceSelector = { stack: 'Monitoring', type: 'AWS::SNS::Topic' };
const trail: FlowResourceSelector = { stack: 'Monitoring', type: 'AWS::CloudTrail::Trail' };
const stripeSecrets: FlowResourceSelector = {
  stack: 'Service',
  type: 'AWS::SecretsManager::Secret',
  logicalId: '^StripeSecrets',
};
const dumpExecution = { role: { stack: 'Data', logicalId: '^DumpTaskExecutionRole' } } as const;
const dumpTask = { role: { stack: 'Data', logicalId: '^DumpTaskTaskRole' } } as const;
const serviceExecution = { role: { stack: 'Service', logicalId: '^AppExecutionRole' } } as const;
const bootstrapFunction = { role: { stack: 'Data', logicalId: '^DatabaseBootstrapRole' } } as const;
const serviceTask = { role: { stack: 'Service', logicalId: '^AppTaskRole' } } as const;
const backupRole = { role: { stack: 'Data', logicalId: '^BackupRole[0-9A-F]{8}$' } } as const;
const logStreamActions = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** S3 replication of one bucket into its replica in the recovery region: read, decrypt, replicate, encrypt. */
function replicationFlows(name: 'Uploads' | 'Dumps', replica: string): FlowRequirement[] {
  const role = { role: { stack: 'Data', logicalId: `^${name}ReplicationRole` } } as const;
  const source: FlowResourceSelector = { stack: 'Data', type: 'AWS::S3::Bucket', logicalId: `^${name}Bucket` };
  const target: FlowResourceSelector = { stack: 'Recovery', type: 'AWS::S3::Bucket', logicalId: `^${replica}Bucket` };
  const id = name.toLowerCase();
  return [
    {
      id: `${id}-replication-reads-source-bucket`,
      claim: 'DATA-3',
      description: `S3 replication of the ${id} bucket reads its replication configuration and lists it`,
      principal: role,
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resource: { resource: source },
    },
    {
      id: `${id}-replication-reads-source-objects`,
      claim: 'DATA-3',
      description: `S3 replication of the ${id} bucket reads each object version with its ACL, tags and lock`,
      principal: role,
      actions: [
        's3:GetObjectVersionForReplication',
        's3:GetObjectVersionAcl',
        's3:GetObjectVersionTagging',
        's3:GetObjectRetention',
        's3:GetObjectLegalHold',
      ],
      resource: { resource: source, part: 'objects' },
    },
    {
      id: `${id}-replication-decrypts-source`,
      claim: 'DATA-3',
      description: `S3 replication of the ${id} bucket decrypts the source objects with the source key, through S3`,
      principal: role,
      actions: ['kms:Decrypt'],
      resource: { keyOf: source },
      context: dataKeyViaS3,
    },
    {
      id: `${id}-replication-writes-replica`,
      claim: 'DATA-3',
      description: `S3 replication of the ${id} bucket writes replicas, deletes and tags into the replica bucket`,
      principal: role,
      actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
      resource: { resource: target, part: 'objects' },
      region: 'recovery',
    },
    {
      id: `${id}-replication-encrypts-replica`,
      claim: 'DATA-3',
      description: `S3 replication of the ${id} bucket encrypts replicas with the replica key, through S3 in the recovery region`,
      principal: role,
      actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
      resource: { keyOf: target },
      region: 'recovery',
      context: dataKeyViaS3,
    },
  ];
}

const everyTaskDefinition: FlowResourceSelector = { type: 'AWS::ECS::TaskDefinition' };
const guardDutyAgent = 'arn:{partition}:ecr:{region}:{guardDutyAgentAccount}:repository/aws-guardduty-agent-fargate';
/** MONITOR-2: GuardDuty Runtime Monitoring's agent reaches every Fargate task. */
const guardDutyAgentFlows: FlowRequirement[] = [
  {
    id: 'fargate-tasks-get-registry-token-for-guardduty-agent',
    claim: 'MONITOR-2',
    description:
      "Every Fargate task's execution role gets an ECR authorization token to pull GuardDuty's runtime agent",
    principal: { executionRolesOf: everyTaskDefinition },
    actions: ['ecr:GetAuthorizationToken'],
    resource: { arn: '*' },
    region: 'primary',
  },
  {
    id: 'fargate-tasks-pull-guardduty-agent',
    claim: 'MONITOR-2',
    description:
      "Every Fargate task's execution role pulls GuardDuty's runtime agent image (the sidecar GuardDuty adds at task start) from GuardDuty's repository",
    principal: { executionRolesOf: everyTaskDefinition },
    actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
    resource: { arn: guardDutyAgent },
    region: 'primary',
    identitySideOnly: true,
  },
];

/** Every request the platform's mechanisms make; each must be allowed. */
export const REQUIRED_FLOWS: readonly FlowRequirement[] = [
  // REST-3: the daily GPG dump task starts (execution role) and uploads (task role).
  {
    id: 'dump-task-gets-registry-token',
    claim: 'REST-3',
    description: 'The dump task execution role gets an ECR authorization token to pull its image',
    principal: dumpExecution,
    actions: ['ecr:GetAuthorizationToken'],
    resource: { arn: '*' },
  },
  {
    id: 'dump-task-pulls-image',
    claim: 'REST-3',
    description: "The dump task execution role pulls the dump image's layers from its ECR repository",
    principal: dumpExecution,
    actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
    resource: { imageRepositoryOf: { stack: 'Data', type: 'AWS::ECS::TaskDefinition', logicalId: '^DumpTask' } },
  },
  {
    id: 'dump-task-writes-log',
    claim: 'REST-3',
    description: "The dump task execution role creates the task's log stream and writes to it",
    principal: dumpExecution,
    actions: logStreamActions,
    resource: {
      resource: { stack: 'Data', type: 'AWS::Logs::LogGroup', logicalId: '^DumpTaskLogs' },
      part: 'logStreams',
    },
  },
  {
    id: 'dump-task-reads-database-secret',
    claim: 'REST-3',
    description: 'The dump task execution role reads the database master secret (injected as PGUSER / PGPASSWORD)',
    principal: dumpExecution,
    actions: ['secretsmanager:GetSecretValue'],
    resource: { resource: dbCluster, part: 'masterUserSecret' },
  },
  {
    id: 'dump-task-decrypts-database-secret',
    claim: 'REST-3',
    description:
      "The dump task execution role decrypts the database secret with the secret's key, through Secrets Manager",
    principal: dumpExecution,
    actions: ['kms:Decrypt'],
    resource: { keyOf: dbCluster, part: 'masterUserSecret' },
    context: viaSecretsManager,
  },
  {
    id: 'dump-task-uploads-dump',
    claim: 'REST-3',
    description:
      'The dump task role uploads the dump: PutObject, and CreateMultipartUpload, UploadPart and CompleteMultipartUpload (which IAM authorizes as s3:PutObject), and AbortMultipartUpload',
    principal: dumpTask,
    actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
    resource: { resource: dumpBucket, part: 'objects', objectKey: 'postgres/flow-proof.dump.gpg' },
  },
  {
    id: 'dump-task-encrypts-dump',
    claim: 'REST-3',
    description:
      "The dump task role uses the dump bucket's key through S3: GenerateDataKey for each upload, Decrypt for the parts of a multipart upload",
    principal: dumpTask,
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resource: { keyOf: dumpBucket },
    context: dataKeyViaS3,
  },
  // HA-1 / DATA-4 / BILLING-1: the service tasks start and do their work.
  {
    id: 'service-task-writes-log',
    claim: 'HA-1',
    description: "The service execution role creates the tasks' log streams and writes to them",
    principal: serviceExecution,
    actions: logStreamActions,
    resource: {
      resource: { stack: 'Service', type: 'AWS::Logs::LogGroup', logicalId: '^AppLogGroup' },
      part: 'logStreams',
    },
  },
  // The service logs in to the database as its own role with IAM authentication: it never holds the master
  // secret (forbidden flow `master-secret-read-only-by-bootstrap-and-dump`).
  {
    id: 'bootstrap-reads-database-secret',
    claim: 'MONITOR-1',
    description: 'The database bootstrap function reads the master secret, to create the roles and pgaudit settings',
    principal: bootstrapFunction,
    actions: ['secretsmanager:GetSecretValue'],
    resource: { resource: dbCluster, part: 'masterUserSecret' },
  },
  {
    id: 'bootstrap-decrypts-database-secret',
    claim: 'MONITOR-1',
    description:
      "The database bootstrap function decrypts the master secret with the secret's key, through Secrets Manager",
    principal: bootstrapFunction,
    actions: ['kms:Decrypt'],
    resource: { keyOf: dbCluster, part: 'masterUserSecret' },
    context: viaSecretsManager,
  },
  {
    id: 'service-task-reads-stripe-secrets',
    claim: 'BILLING-1',
    description: 'The service execution role reads the Stripe secrets (injected into the service container)',
    principal: serviceExecution,
    actions: ['secretsmanager:GetSecretValue'],
    resource: { resource: stripeSecrets },
  },
  {
    id: 'service-task-decrypts-stripe-secrets',
    claim: 'BILLING-1',
    description: 'The service execution role decrypts the Stripe secrets with their key, through Secrets Manager',
    principal: serviceExecution,
    actions: ['kms:Decrypt'],
    resource: { keyOf: stripeSecrets },
    context: viaSecretsManager,
  },
  {
    id: 'service-reads-and-writes-uploads',
    claim: 'DATA-4',
    description: 'The service task role reads and writes upload objects',
    principal: serviceTask,
    actions: ['s3:GetObject', 's3:PutObject'],
    resource: { resource: uploadBucket, part: 'objects', objectKey: 'uploads/flow-proof.bin' },
  },
  {
    id: 'service-lists-uploads',
    claim: 'DATA-4',
    description: 'The service task role lists the upload bucket',
    principal: serviceTask,
    actions: ['s3:ListBucket'],
    resource: { resource: uploadBucket },
  },
  {
    id: 'service-uses-upload-key',
    claim: 'REST-1',
    description: "The service task role encrypts and decrypts uploads with the upload bucket's key, through S3",
    principal: serviceTask,
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resource: { keyOf: uploadBucket },
    context: dataKeyViaS3,
  },
  // DATA-2 / DATA-3 / REST-3: AWS Backup backs up the cluster and buckets and copies into the recovery vault.
  {
    id: 'backup-snapshots-cluster',
    claim: 'DATA-2',
    description: 'The AWS Backup role describes, tags and snapshots the Aurora cluster',
    principal: backupRole,
    actions: [
      'rds:DescribeDBClusters',
      'rds:CreateDBClusterSnapshot',
      'rds:AddTagsToResource',
      'rds:ListTagsForResource',
    ],
    resource: { resource: dbCluster },
  },
  {
    id: 'backup-manages-snapshots-in-primary',
    claim: 'DATA-2',
    description: 'The AWS Backup role creates, describes, tags and copies the snapshots it owns in the primary region',
    principal: backupRole,
    actions: [
      'rds:CreateDBClusterSnapshot',
      'rds:DescribeDBClusterSnapshots',
      'rds:CopyDBClusterSnapshot',
      'rds:AddTagsToResource',
      'rds:ListTagsForResource',
    ],
    resource: { arn: 'arn:{partition}:rds:{primaryRegion}:{account}:cluster-snapshot:awsbackup:job-flow-proof' },
    region: 'primary',
  },
  {
    id: 'backup-uses-cluster-key',
    claim: 'DATA-2',
    description: "The AWS Backup role uses the cluster's key through RDS to snapshot and copy the encrypted cluster",
    principal: backupRole,
    actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
    resource: { keyOf: dbCluster },
    context: { 'kms:ViaService': 'rds.{region}.amazonaws.com' },
  },
  {
    id: 'backup-reads-bucket-objects',
    claim: 'DATA-2',
    description: 'The AWS Backup role reads the objects of the backed-up buckets',
    principal: backupRole,
    actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
    resource: {
      resource: { stack: 'Data', type: 'AWS::S3::Bucket', logicalId: '^(Uploads|Dumps)Bucket' },
      part: 'objects',
    },
  },
  {
    id: 'backup-decrypts-bucket-objects',
    claim: 'DATA-2',
    description: "The AWS Backup role decrypts the backed-up buckets' objects with their key, through S3",
    principal: backupRole,
    actions: ['kms:Decrypt'],
    resource: { keyOf: { stack: 'Data', type: 'AWS::S3::Bucket', logicalId: '^(Uploads|Dumps)Bucket' } },
    context: dataKeyViaS3,
  },
  {
    id: 'backup-encrypts-primary-vault',
    claim: 'REST-3',
    description: "The AWS Backup role uses the primary vault's key through AWS Backup",
    principal: backupRole,
    actions: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
    resource: { keyOf: { stack: 'Data', type: 'AWS::Backup::BackupVault' } },
    context: { 'kms:ViaService': 'backup.{region}.amazonaws.com' },
  },
  {
    id: 'backup-copies-into-recovery-vault',
    claim: 'DATA-3',
    description: 'The AWS Backup role copies each recovery point into the recovery vault',
    principal: backupRole,
    actions: ['backup:CopyIntoBackupVault'],
    resource: { resource: recoveryVault },
  },
  {
    id: 'backup-copies-snapshot-in-recovery-region',
    claim: 'DATA-3',
    description:
      'AWS Backup copies an Aurora snapshot by calling RDS in the destination region: the role copies, describes, tags and cleans up the snapshot there',
    principal: backupRole,
    actions: [
      'rds:CopyDBClusterSnapshot',
      'rds:DescribeDBClusterSnapshots',
      'rds:AddTagsToResource',
      'rds:ListTagsForResource',
      'rds:DeleteDBClusterSnapshot',
    ],
    resource: { arn: 'arn:{partition}:rds:{recoveryRegion}:{account}:cluster-snapshot:awsbackup:copyjob-flow-proof' },
    region: 'recovery',
  },
  {
    id: 'backup-uses-recovery-vault-key-via-backup',
    claim: 'DATA-3',
    description: "The AWS Backup role uses the recovery vault's key through AWS Backup in the recovery region",
    principal: backupRole,
    actions: ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    resource: { keyOf: recoveryVault },
    context: { 'kms:ViaService': 'backup.{region}.amazonaws.com' },
  },
  {
    id: 'backup-uses-recovery-vault-key-via-rds',
    claim: 'DATA-3',
    description:
      "The AWS Backup role uses the recovery vault's key through RDS in the recovery region (the Aurora snapshot copy is re-encrypted there)",
    principal: backupRole,
    actions: ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    resource: { keyOf: recoveryVault },
    context: { 'kms:ViaService': 'rds.{region}.amazonaws.com' },
  },
  // REST-3: CloudFormation may set a vault's lock after its access policy when it creates the vault (the handler's
  // order is not documented), so the policy lets the deployment role set the lock (forbidden flows
  // `deployment-role-cannot-change-vault-policy-or-unlock` and `deployment-role-cannot-delete-recovery-points`).
  {
    id: 'deployment-role-sets-vault-lock',
    claim: 'REST-3',
    description:
      "The deployment role (CloudFormation's execution role in the vault's region) sets each vault's lock, which it may do after the access policy on create",
    principal: { deploymentRole: true },
    actions: VAULT_LOCK_PUT_ACTIONS,
    resource: { resource: { type: 'AWS::Backup::BackupVault' } },
  },
  ...replicationFlows('Uploads', 'UploadReplica'),
  ...replicationFlows('Dumps', 'DumpReplica'),
  // MONITOR-1: the trail delivers to its bucket, key and log group.
  {
    id: 'trail-checks-bucket-acl',
    claim: 'MONITOR-1',
    description: "CloudTrail reads the trail bucket's ACL before delivering",
    principal: { service: 'cloudtrail.amazonaws.com' },
    actions: ['s3:GetBucketAcl'],
    resource: { resource: { stack: 'Monitoring', type: 'AWS::S3::Bucket', logicalId: '^AuditTrailBucket' } },
    context: { 'aws:SourceAccount': '{account}', 'aws:SourceArn': { arnOf: trail } },
  },
  {
    id: 'trail-delivers-log-files',
    claim: 'MONITOR-1',
    description: 'CloudTrail writes log files into the trail bucket with bucket-owner-full-control',
    principal: { service: 'cloudtrail.amazonaws.com' },
    actions: ['s3:PutObject'],
    resource: {
      resource: { stack: 'Monitoring', type: 'AWS::S3::Bucket', logicalId: '^AuditTrailBucket' },
      part: 'objects',
      objectKey: 'AWSLogs/{account}/CloudTrail/{region}/flow-proof.json.gz',
    },
    context: {
      'aws:SourceAccount': '{account}',
      'aws:SourceArn': { arnOf: trail },
      's3:x-amz-acl': 'bucket-owner-full-control',
    },
  },
  {
    id: 'trail-encrypts-log-files',
    claim: 'MONITOR-1',
    description: "CloudTrail generates data keys with the trail's key and describes it",
    principal: { service: 'cloudtrail.amazonaws.com' },
    actions: ['kms:GenerateDataKey', 'kms:DescribeKey'],
    resource: { keyOf: trail },
    context: { 'aws:SourceAccount': '{account}', 'kms:EncryptionContext:aws:cloudtrail:arn': { arnOf: trail } },
  },
  {
    id: 'trail-delivers-to-log-group',
    claim: 'MONITOR-1',
    description: "CloudTrail's log role creates streams in the trail log group and writes events",
    principal: { role: { stack: 'Monitoring', logicalId: '^AuditTrailLogsRole' } },
    actions: logStreamActions,
    resource: {
      resource: { stack: 'Monitoring', type: 'AWS::Logs::LogGroup', logicalId: '^AuditTrailLogGroup' },
      part: 'logStreams',
    },
  },
  {
    id: 'trail-log-group-encrypted-by-logs',
    claim: 'MONITOR-1',
    description: "CloudWatch Logs encrypts the trail log group's events with its key",
    principal: { service: 'logs.{region}.amazonaws.com' },
    actions: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'],
    resource: { keyOf: { stack: 'Monitoring', type: 'AWS::Logs::LogGroup', logicalId: '^AuditTrailLogGroup' } },
    context: { 'kms:EncryptionContext:aws:logs:arn': 'arn:{partition}:logs:{region}:{account}:log-group:flow-proof' },
  },
  // MONITOR-1: S3 delivers every bucket's server access logs into the bucket its logging configuration names.
  {
    id: 'server-access-logs-deliver',
    claim: 'MONITOR-1',
    description: "S3's log delivery writes each logging bucket's server access logs into its target bucket",
    principal: { service: 'logging.s3.amazonaws.com' },
    actions: ['s3:PutObject'],
    resource: { accessLogTargetOf: { type: 'AWS::S3::Bucket' } },
    context: { 'aws:SourceAccount': '{account}' },
  },
  // TRANSIT-2: the VPC flow logs deliver.
  {
    id: 'flow-logs-deliver',
    claim: 'TRANSIT-2',
    description: 'The VPC flow log role creates streams in the flow log group and writes records',
    principal: { role: { stack: 'Network', logicalId: '^NetworkFlowLogRole' } },
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
    resource: {
      resource: { stack: 'Network', type: 'AWS::Logs::LogGroup', logicalId: '^NetworkFlowLogGroup' },
      part: 'logStreams',
    },
  },
  {
    id: 'flow-log-group-encrypted-by-logs',
    claim: 'TRANSIT-2',
    description: "CloudWatch Logs encrypts the flow log group's records with its key",
    principal: { service: 'logs.{region}.amazonaws.com' },
    actions: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'],
    resource: { keyOf: { stack: 'Network', type: 'AWS::Logs::LogGroup', logicalId: '^NetworkFlowLogGroup' } },
    context: { 'kms:EncryptionContext:aws:logs:arn': 'arn:{partition}:logs:{region}:{account}:log-group:flow-proof' },
  },
  // MONITOR-2 / MONITOR-3: alarms and EventBridge rules publish to the encrypted alert topic.
  {
    id: 'alarms-publish-alerts',
    claim: 'MONITOR-2',
    description: 'CloudWatch alarms of this account publish to the alert topic',
    principal: { service: 'cloudwatch.amazonaws.com' },
    actions: ['sns:Publish'],
    resource: { resource: alertTopic },
    context: {
      'aws:SourceAccount': '{account}',
      'aws:SourceArn': 'arn:{partition}:cloudwatch:{region}:{account}:alarm:flow-proof',
    },
  },
  {
    id: 'alarms-use-alert-topic-key',
    claim: 'MONITOR-2',
    description: "CloudWatch alarms use the alert topic's key to publish to the encrypted topic",
    principal: { service: 'cloudwatch.amazonaws.com' },
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resource: { keyOf: alertTopic },
    context: { 'aws:SourceAccount': '{account}' },
  },
  {
    id: 'rules-publish-alerts',
    claim: 'MONITOR-3',
    description: 'EventBridge rules publish high-severity findings and failed backup jobs to the alert topic',
    principal: { service: 'events.amazonaws.com' },
    actions: ['sns:Publish'],
    resource: { resource: alertTopic },
    context: {
      'aws:SourceAccount': '{account}',
      'aws:SourceArn': { arnOf: { stack: 'Monitoring', type: 'AWS::Events::Rule' } },
    },
  },
  {
    id: 'rules-use-alert-topic-key',
    claim: 'MONITOR-3',
    description: "EventBridge uses the alert topic's key to publish to the encrypted topic",
    principal: { service: 'events.amazonaws.com' },
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resource: { keyOf: alertTopic },
    context: { 'aws:SourceAccount': '{account}' },
  },
  ...guardDutyAgentFlows,
];

const everyBucket: FlowResourceSelector = { type: 'AWS::S3::Bucket' };
const everyVault: FlowResourceSelector = { type: 'AWS::Backup::BackupVault' };

/** Requests that must be denied. */
export const FORBIDDEN_FLOWS: readonly FlowRequirement[] = [
  {
    id: 'stripe-secrets-read-only-by-service',
    claim: 'BILLING-1',
    description:
      "No role but the service's execution role (which ECS uses to hand the Stripe keys to the service container) reads the Stripe secrets",
    principal: { everyRoleExcept: [{ stack: 'Service', logicalId: '^AppExecutionRole' }] },
    actions: ['secretsmanager:GetSecretValue'],
    resource: { resource: stripeSecrets },
  },
  {
    id: 'master-secret-read-only-by-bootstrap-and-dump',
    claim: 'MONITOR-1',
    description:
      'No role but the database bootstrap function and the dump task (which ECS hands the secret to) reads the database master secret: the service logs in as its own role',
    principal: {
      everyRoleExcept: [
        { stack: 'Data', logicalId: '^DatabaseBootstrapRole' },
        { stack: 'Data', logicalId: '^DumpTaskExecutionRole' },
      ],
    },
    actions: ['secretsmanager:GetSecretValue'],
    resource: { resource: dbCluster, part: 'masterUserSecret' },
  },
  {
    id: 'no-role-deletes-recovery-points',
    claim: 'DATA-3',
    description: 'No role of the platform deletes a recovery point or shortens its lifecycle, in either vault',
    principal: { everyRoleExcept: [] },
    actions: VAULT_RECOVERY_POINT_ACTIONS,
    resource: { resource: everyVault, part: 'recoveryPoints' },
  },
  {
    id: 'no-administrator-deletes-recovery-points',
    claim: 'DATA-3',
    description:
      "Not even an administrator of the account deletes a recovery point: the vaults' access policies deny it",
    principal: { accountAdministrator: true },
    actions: VAULT_RECOVERY_POINT_ACTIONS,
    resource: { resource: everyVault, part: 'recoveryPoints' },
  },
  {
    id: 'no-role-changes-vault-policy-or-lock',
    claim: 'REST-3',
    description:
      "No role of the platform but the named break-glass role changes or removes a vault's access policy or its Vault Lock",
    principal: { everyRoleExcept: [{ stack: 'Recovery', logicalId: '^BackupBreakGlassRole' }] },
    actions: [...VAULT_POLICY_AND_LOCK_ACTIONS, 'backup:DeleteBackupVault'],
    resource: { resource: everyVault },
  },
  {
    id: 'deployment-role-cannot-change-vault-policy-or-unlock',
    claim: 'REST-3',
    description:
      "Not even the deployment role (CloudFormation's execution role, an administrator) replaces or removes a vault's access policy or removes its lock: a deploy that changes the policy breaks glass first (docs/runbooks/backup-break-glass.md)",
    principal: { deploymentRole: true },
    actions: VAULT_POLICY_AND_UNLOCK_ACTIONS,
    resource: { resource: everyVault },
  },
  {
    id: 'deployment-role-cannot-delete-recovery-points',
    claim: 'DATA-3',
    description:
      'Not even the deployment role deletes a recovery point or shortens its lifecycle, in either vault: setting the lock is all it may do',
    principal: { deploymentRole: true },
    actions: VAULT_RECOVERY_POINT_ACTIONS,
    resource: { resource: everyVault, part: 'recoveryPoints' },
  },
  {
    id: 'no-plain-http-to-objects',
    claim: 'TRANSIT-1',
    description: 'No request without TLS reads or writes an object of any bucket, even by an administrator',
    principal: { accountAdministrator: true },
    actions: ['s3:GetObject', 's3:PutObject'],
    resource: { resource: everyBucket, part: 'objects' },
    context: { 'aws:SecureTransport': 'false' },
  },
  {
    id: 'no-plain-http-to-buckets',
    claim: 'TRANSIT-1',
    description: 'No request without TLS lists any bucket, even by an administrator',
    principal: { accountAdministrator: true },
    actions: ['s3:ListBucket'],
    resource: { resource: everyBucket },
    context: { 'aws:SecureTransport': 'false' },
  },
  {
    id: 'no-old-tls-to-objects',
    claim: 'TRANSIT-1',
    description: 'No request over TLS 1.1 reads or writes an object of any bucket, even by an administrator',
    principal: { accountAdministrator: true },
    actions: ['s3:GetObject', 's3:PutObject'],
    resource: { resource: everyBucket, part: 'objects' },
    context: { 's3:TlsVersion': '1.1' },
  },
  {
    id: 'no-anonymous-bucket-reads',
    claim: 'DATA-4',
    description: 'Nothing anonymous reads an object of any bucket',
    principal: { anonymous: true },
    actions: ['s3:GetObject'],
    resource: { resource: everyBucket, part: 'objects' },
  },
  {
    id: 'no-anonymous-bucket-listing',
    claim: 'DATA-4',
    description: 'Nothing anonymous lists a bucket',
    principal: { anonymous: true },
    actions: ['s3:ListBucket'],
    resource: { resource: everyBucket },
  },
  {
    id: 'no-anonymous-key-use',
    claim: 'REST-1',
    description: 'Nothing anonymous decrypts with, or generates a data key from, any key',
    principal: { anonymous: true },
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resource: { resource: { type: 'AWS::KMS::Key' } },
  },
  {
    id: 'no-anonymous-secret-reads',
    claim: 'BILLING-1',
    description: 'Nothing anonymous reads any secret',
    principal: { anonymous: true },
    actions: ['secretsmanager:GetSecretValue'],
    resource: { resource: { type: 'AWS::SecretsManager::Secret' } },
  },
  {
    id: 'no-anonymous-database-secret-reads',
    claim: 'REST-2',
    description: 'Nothing anonymous reads the database master secret',
    principal: { anonymous: true },
    actions: ['secretsmanager:GetSecretValue'],
    resource: { resource: dbCluster, part: 'masterUserSecret' },
  },
];
