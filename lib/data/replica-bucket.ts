import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { DataClassification } from '../core/requirements/data-classification';
import { acknowledgeFinding } from '../core/acknowledge';
import { EncryptedUploadBucket } from './encrypted-upload-bucket';

export interface ReplicaBucketProps {
  /** Deterministic name the source bucket's replication rule targets. */
  readonly bucketName: string;
  /** This region's customer managed key; replicas are re-encrypted with it (REST-1). */
  readonly encryptionKey: kms.Key;
  /** Bucket receiving this bucket's server access logs. */
  readonly serverAccessLogsBucket: s3.IBucket;
  /**
   * ARN of the source bucket's replication role (fixed name, created later in the primary region). Named in this
   * bucket's and key's policies by an `aws:PrincipalArn` condition, because a policy cannot name a role that does
   * not exist yet.
   */
  readonly replicationRoleArn: string;
  /** Region of the source bucket (for the acknowledgments and docs). */
  readonly sourceRegion: string;
  /** Object Lock default retention, when the source bucket has one (replication requires it on both sides). @default - none */
  readonly objectLockRetention?: s3.ObjectLockRetention;
  /**
   * Days after which each replica's current version expires (see `EncryptedUploadBucket`), for unique keys that never
   * become noncurrent. Set it as the source bucket's: S3 replicates no delete marker that lifecycle adds, so the
   * source's expiry never reaches the replica.
   * @default - current versions never expire
   */
  readonly currentVersionExpirationDays?: number;
  /** What the replica holds, declared as a tag the claims checks read. @default 'customer-data-replica' */
  readonly dataClassification?: Extract<DataClassification, 'customer-data-replica' | 'database-dump-replica'>;
}

/**
 * The second-region copy of an upload or dump bucket: the same private, versioned, TLS-only, KMS-encrypted bucket,
 * writable only by the source bucket's replication role (DATA-3, REST-1).
 */
export class ReplicaBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ReplicaBucketProps) {
    super(scope, id);
    const replica = new EncryptedUploadBucket(this, 'Replica', {
      bucketName: props.bucketName,
      encryptionKey: props.encryptionKey,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: `${id}/`,
      objectLockRetention: props.objectLockRetention,
      currentVersionExpirationDays: props.currentVersionExpirationDays,
      dataClassification: props.dataClassification ?? 'customer-data-replica',
      // This bucket is the second location; a third would not add a region the platform runs in.
      allowSingleRegion: true,
    });
    this.bucket = replica.bucket;
    const from = { ArnEquals: { 'aws:PrincipalArn': props.replicationRoleArn } };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ReplicationRoleWritesReplicas',
        principals: [new iam.AnyPrincipal()],
        actions: [
          's3:ReplicateObject',
          's3:ReplicateDelete',
          's3:ReplicateTags',
          's3:ObjectOwnerOverrideToBucketOwner',
        ],
        resources: [this.bucket.arnForObjects('*')],
        conditions: from,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ReplicationRoleReadsVersioning',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetBucketVersioning', 's3:PutBucketVersioning', 's3:GetBucketObjectLockConfiguration'],
        resources: [this.bucket.bucketArn],
        conditions: from,
      }),
    );
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `ReplicationInto${id}`,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ...from, StringEquals: { 'kms:ViaService': `s3.${this.bucket.stack.region}.amazonaws.com` } },
      }),
    );
    const reason = `This bucket is itself the cross-region replica of a bucket in ${props.sourceRegion}; replicating the replica would add no region the platform runs in`;
    acknowledgeFinding(
      this.bucket,
      { rule: 'NIST.800.53.R5-S3BucketReplicationEnabled', claim: 'DATA-3', reason },
      { rule: 'HIPAA.Security-S3BucketReplicationEnabled', claim: 'DATA-3', reason },
      { rule: 'PCI.DSS.321-S3BucketReplicationEnabled', claim: 'DATA-3', reason },
    );
  }
}
