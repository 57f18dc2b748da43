import type { PlatformRole } from '../../platform-roles';
import { VAULT_RECOVERY_POINT_ACTIONS } from '../data';
import { ClaimFlow, claimFlows } from './flow-requirement';
import { VIA_S3 } from './shared';

/** S3 replication of one bucket into its replica in the recovery region: read, decrypt, replicate, encrypt. */
function replicationFlows(
  id: 'uploads' | 'dumps',
  roles: { role: PlatformRole; source: PlatformRole; replica: PlatformRole },
): ClaimFlow[] {
  const principal = { role: roles.role };
  const source = { role: roles.source };
  const replica = { role: roles.replica };
  return [
    {
      id: `${id}-replication-reads-source-bucket`,
      description: `S3 replication of the ${id} bucket reads its replication configuration and lists it`,
      principal,
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resource: { resource: source },
    },
    {
      id: `${id}-replication-reads-source-objects`,
      description: `S3 replication of the ${id} bucket reads each object version with its ACL, tags and lock`,
      principal,
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
      description: `S3 replication of the ${id} bucket decrypts the source objects with the source key, through S3`,
      principal,
      actions: ['kms:Decrypt'],
      resource: { keyOf: source },
      context: VIA_S3,
    },
    {
      id: `${id}-replication-writes-replica`,
      description: `S3 replication of the ${id} bucket writes replicas, deletes and tags into the replica bucket`,
      principal,
      actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
      resource: { resource: replica, part: 'objects' },
      region: 'recovery',
    },
    {
      id: `${id}-replication-encrypts-replica`,
      description: `S3 replication of the ${id} bucket encrypts replicas with the replica key, through S3 in the recovery region`,
      principal,
      actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
      resource: { keyOf: replica },
      region: 'recovery',
      context: VIA_S3,
    },
  ];
}

const KEY_USE_ACTIONS = ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];
const EVERY_VAULT = { type: 'AWS::Backup::BackupVault' } as const;

/**
 * DATA-3: AWS Backup copies each recovery point into the recovery region, S3 replicates the customer data buckets
 * there, and no one deletes a recovery point.
 */
export const DATA_3_FLOWS = claimFlows('DATA-3', {
  required: [
    {
      id: 'backup-copies-into-recovery-vault',
      description: 'The AWS Backup role copies each recovery point into the recovery vault',
      principal: { role: 'backup-role' },
      actions: ['backup:CopyIntoBackupVault'],
      resource: { resource: { role: 'recovery-vault' } },
    },
    {
      id: 'backup-copies-snapshot-in-recovery-region',
      description:
        'AWS Backup copies an Aurora snapshot by calling RDS in the destination region: the role copies, describes, tags and cleans up the snapshot there',
      principal: { role: 'backup-role' },
      actions: [
        'rds:CopyDBClusterSnapshot',
        'rds:DescribeDBClusterSnapshots',
        'rds:AddTagsToResource',
        'rds:ListTagsForResource',
        'rds:DeleteDBClusterSnapshot',
      ],
      resource: {
        arn: 'arn:{partition}:rds:{recoveryRegion}:{account}:cluster-snapshot:awsbackup:copyjob-flow-proof',
      },
      region: 'recovery',
    },
    {
      id: 'backup-uses-recovery-vault-key-via-backup',
      description: "The AWS Backup role uses the recovery vault's key through AWS Backup in the recovery region",
      principal: { role: 'backup-role' },
      actions: KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'recovery-vault' } },
      context: { 'kms:ViaService': 'backup.{region}.amazonaws.com' },
    },
    {
      id: 'backup-uses-recovery-vault-key-via-rds',
      description:
        "The AWS Backup role uses the recovery vault's key through RDS in the recovery region (the Aurora snapshot copy is re-encrypted there)",
      principal: { role: 'backup-role' },
      actions: KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'recovery-vault' } },
      context: { 'kms:ViaService': 'rds.{region}.amazonaws.com' },
    },
    ...replicationFlows('uploads', {
      role: 'uploads-replication-role',
      source: 'uploads-bucket',
      replica: 'uploads-replica-bucket',
    }),
    ...replicationFlows('dumps', {
      role: 'dumps-replication-role',
      source: 'dumps-bucket',
      replica: 'dumps-replica-bucket',
    }),
  ],
  forbidden: [
    {
      id: 'no-role-deletes-recovery-points',
      description: 'No role of the platform deletes a recovery point or shortens its lifecycle, in either vault',
      principal: { everyRoleExcept: [] },
      actions: VAULT_RECOVERY_POINT_ACTIONS,
      resource: { resource: EVERY_VAULT, part: 'recoveryPoints' },
    },
    {
      id: 'no-administrator-deletes-recovery-points',
      description:
        "Not even an administrator of the account deletes a recovery point: the vaults' access policies deny it",
      principal: { accountAdministrator: true },
      actions: VAULT_RECOVERY_POINT_ACTIONS,
      resource: { resource: EVERY_VAULT, part: 'recoveryPoints' },
    },
    {
      id: 'deployment-role-cannot-delete-recovery-points',
      description:
        'Not even the deployment role deletes a recovery point or shortens its lifecycle, in either vault: setting the lock is all it may do',
      principal: { deploymentRole: true },
      actions: VAULT_RECOVERY_POINT_ACTIONS,
      resource: { resource: EVERY_VAULT, part: 'recoveryPoints' },
    },
    {
      id: 'no-other-account-deletes-recovery-points',
      description:
        'No principal of another account deletes a recovery point or shortens its lifecycle, in either vault',
      principal: { principalClass: 'other-account' },
      actions: VAULT_RECOVERY_POINT_ACTIONS,
      resource: { resource: EVERY_VAULT, part: 'recoveryPoints' },
    },
  ],
});
