import { claimFlows } from './flow-requirement';
import { VIA_S3 } from './shared';

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
  ],
});
