import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { RestoreTestingProps } from '../restore-testing';

/** What AWS Backup names the resources a restore test creates (restore testing inferred metadata). */
export const RESTORE_TEST_NAME_PREFIX = 'awsbackup-restore-test-';

/**
 * The restore role's statements: restore the selected stores into new resources named `awsbackup-restore-test-*`,
 * and delete exactly those after the validation window. Modelled on AWS's managed policies for restores
 * (AWSBackupServiceRolePolicyForRestores, AWSBackupServiceRolePolicyForS3Restore), scoped to the platform's stores.
 */
export function restoreRoleStatements(stack: Stack, props: RestoreTestingProps): iam.PolicyStatement[] {
  const arn = (service: string, resource: string) =>
    `arn:${stack.partition}:${service}:${service === 's3' ? '' : stack.region}:${service === 's3' ? '' : stack.account}:${resource}`;
  const statements: iam.PolicyStatement[] = [];
  const keys = [props.vaultKeyArn];
  if (props.database) {
    const db = props.database;
    keys.push(db.keyArn);
    const restored = arn('rds', `cluster:${RESTORE_TEST_NAME_PREFIX}*`);
    statements.push(
      new iam.PolicyStatement({
        sid: 'RestoreTheClusterIntoTheIsolatedSubnets',
        actions: ['rds:RestoreDBClusterFromSnapshot', 'rds:RestoreDBClusterToPointInTime', 'rds:AddTagsToResource'],
        resources: [
          restored,
          db.clusterArn,
          arn('rds', 'cluster-snapshot:awsbackup:*'),
          arn('rds', `subgrp:${db.subnetGroupName}`),
          arn('rds', 'cluster-pg:*'),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DeleteRestoredClustersAfterValidation',
        actions: ['rds:DescribeDBClusters', 'rds:DeleteDBCluster', 'rds:DeleteDBInstance', 'rds:ListTagsForResource'],
        resources: [restored, arn('rds', `db:${RESTORE_TEST_NAME_PREFIX}*`)],
      }),
      new iam.PolicyStatement({
        sid: 'ReadTheNetworkRestoredInto',
        actions: [
          'rds:DescribeDBClusterSnapshots',
          'rds:DescribeDBSubnetGroups',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
          'ec2:DescribeAvailabilityZones',
        ],
        resources: ['*'],
      }),
    );
  }
  if (props.buckets) {
    keys.push(props.buckets.keyArn);
    const buckets = arn('s3', `${RESTORE_TEST_NAME_PREFIX}*`);
    statements.push(
      new iam.PolicyStatement({
        sid: 'CreateAndDeleteRestoredBuckets',
        actions: [
          's3:CreateBucket',
          's3:DeleteBucket',
          's3:ListBucket',
          's3:ListBucketVersions',
          's3:GetBucketLocation',
          's3:GetBucketVersioning',
          's3:PutBucketVersioning',
          's3:PutBucketOwnershipControls',
          's3:PutBucketPublicAccessBlock',
          's3:PutEncryptionConfiguration',
          's3:PutBucketTagging',
        ],
        resources: [buckets],
      }),
      new iam.PolicyStatement({
        sid: 'WriteAndDeleteRestoredObjects',
        actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [`${buckets}/*`],
      }),
    );
  }
  statements.push(
    new iam.PolicyStatement({
      sid: 'UseTheVaultAndDataKeysThroughServices',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'],
      resources: keys,
      conditions: {
        StringEquals: {
          'kms:ViaService': ['backup', 'rds', 's3'].map((s) => `${s}.${stack.region}.amazonaws.com`),
        },
      },
    }),
  );
  return statements;
}
