import { claimFlows } from './flow-requirement';
import { LOG_STREAM_ACTIONS, VIA_S3, VIA_SECRETS_MANAGER } from './shared';

const BACKED_UP_BUCKETS = { roles: ['uploads-bucket', 'dumps-bucket'] } as const;

/** DATA-2: AWS Backup snapshots the cluster and backs up the buckets in the primary region. */
export const DATA_2_FLOWS = claimFlows('DATA-2', {
  required: [
    {
      id: 'backup-snapshots-cluster',
      description: 'The AWS Backup role describes, tags and snapshots the Aurora cluster',
      principal: { role: 'backup-role' },
      actions: [
        'rds:DescribeDBClusters',
        'rds:CreateDBClusterSnapshot',
        'rds:AddTagsToResource',
        'rds:ListTagsForResource',
      ],
      resource: { resource: { role: 'database-cluster' } },
    },
    {
      id: 'backup-manages-snapshots-in-primary',
      description:
        'The AWS Backup role creates, describes, tags and copies the snapshots it owns in the primary region',
      principal: { role: 'backup-role' },
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
      description: "The AWS Backup role uses the cluster's key through RDS to snapshot and copy the encrypted cluster",
      principal: { role: 'backup-role' },
      actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
      resource: { keyOf: { role: 'database-cluster' } },
      context: { 'kms:ViaService': 'rds.{region}.amazonaws.com' },
    },
    {
      id: 'backup-reads-bucket-objects',
      description: 'The AWS Backup role reads the objects of the backed-up buckets',
      principal: { role: 'backup-role' },
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
      resource: { resource: BACKED_UP_BUCKETS, part: 'objects' },
    },
    {
      id: 'backup-decrypts-bucket-objects',
      description: "The AWS Backup role decrypts the backed-up buckets' objects with their key, through S3",
      principal: { role: 'backup-role' },
      actions: ['kms:Decrypt'],
      resource: { keyOf: BACKED_UP_BUCKETS },
      context: VIA_S3,
    },
    {
      id: 'restore-validation-writes-log',
      description:
        'The restore validation writes its log, where its verdict becomes the metric the validation alarm watches (EMF)',
      principal: { role: 'restore-validation-role' },
      actions: LOG_STREAM_ACTIONS,
      resource: { resource: { role: 'restore-validation-log-group' }, part: 'logStreams' },
    },
    {
      id: 'restore-validation-reads-dump-reader-login',
      description:
        "The restore validation reads the dump reader's login (never the master secret) to read a restored cluster",
      principal: { role: 'restore-validation-role' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'dump-reader-secret' } },
    },
    {
      id: 'restore-validation-decrypts-dump-reader-login',
      description: "The restore validation decrypts the dump reader's secret with its key, through Secrets Manager",
      principal: { role: 'restore-validation-role' },
      actions: ['kms:Decrypt'],
      resource: { keyOf: { role: 'dump-reader-secret' } },
      context: VIA_SECRETS_MANAGER,
    },
    {
      id: 'restore-validation-describes-restored-cluster',
      description: 'The restore validation describes a restored cluster and adds the instance it reads it by',
      principal: { role: 'restore-validation-role' },
      actions: ['rds:DescribeDBClusters', 'rds:CreateDBInstance'],
      resource: { arn: 'arn:{partition}:rds:{primaryRegion}:{account}:cluster:awsbackup-restore-test-flow-proof' },
      region: 'primary',
    },
    {
      id: 'restore-validation-adds-and-deletes-instance',
      description: 'The restore validation creates, watches and deletes its instance of a restored cluster',
      principal: { role: 'restore-validation-role' },
      actions: ['rds:CreateDBInstance', 'rds:DescribeDBInstances', 'rds:DeleteDBInstance'],
      resource: { arn: 'arn:{partition}:rds:{primaryRegion}:{account}:db:awsbackup-restore-test-flow-proof-validate' },
      region: 'primary',
    },
    {
      id: 'restore-validation-reads-source-uploads',
      description: 'The restore validation reads the versions of the uploads it compares restored objects with',
      principal: { role: 'restore-validation-role' },
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resource: { resource: { role: 'uploads-bucket' }, part: 'objects' },
    },
    {
      id: 'restore-validation-decrypts-uploads',
      description:
        "The restore validation decrypts the uploads (and their restored copies) with the uploads' key, through S3",
      principal: { role: 'restore-validation-role' },
      actions: ['kms:Decrypt'],
      resource: { keyOf: { role: 'uploads-bucket' } },
      context: VIA_S3,
    },
    {
      id: 'restore-validation-reads-restored-objects',
      description: 'The restore validation lists and reads the buckets a restore test creates',
      principal: { role: 'restore-validation-role' },
      actions: ['s3:ListBucket'],
      resource: { arn: 'arn:{partition}:s3:::awsbackup-restore-test-flow-proof' },
    },
    {
      id: 'restore-validation-reports-verdict',
      description: 'The restore validation reports its verdict to AWS Backup',
      principal: { role: 'restore-validation-role' },
      actions: ['backup:PutRestoreValidationResult'],
      // The action has no resource type in IAM: only Resource * can allow it.
      resource: { arn: '*' },
      region: 'primary',
    },
  ],
});
