import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../core/acknowledge';
import { PlatformConstructError } from '../core/errors';
import { declareLogDestination } from '../core/log-destination';

export interface AccessLogBucketProps {
  /**
   * Days server access logs are kept.
   * @default 400 - more than a year, so a year of access can always be audited
   */
  readonly retentionDays?: number;
}

/**
 * The target of S3 server access logs of the customer-data buckets. S3 delivers access logs only to buckets
 * encrypted with S3-managed keys, so this bucket uses SSE-S3; it is versioned, private, TLS-only and retained.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    // Log delivery is granted by bucket policy (not the log-delivery ACL, which owner-enforced buckets refuse),
    // whatever the app's feature flags say.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const retentionDays = props.retentionDays ?? 400;
    if (!Number.isInteger(retentionDays) || retentionDays < 365) {
      throw new PlatformConstructError({
        code: 'AccessLogBucket.retentionDays',
        scope: this,
        setting: 'retentionDays',
        value: retentionDays,
        problem: 'is shorter than a year',
        fix: 'keep access logs at least 365 days (default 400)',
      });
    }
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          expiration: Duration.days(retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    declareLogDestination(this.bucket, 's3-server-access-logs');
    const sseS3 =
      'S3 server access log delivery supports only SSE-S3 on the target bucket (AWS S3 user guide, server access logging); the logs hold request metadata, not customer data';
    acknowledgeFinding(
      this.bucket,
      { rule: 'NIST.800.53.R5-S3DefaultEncryptionKMS', claim: 'REST-1', reason: sseS3 },
      { rule: 'HIPAA.Security-S3DefaultEncryptionKMS', claim: 'REST-1', reason: sseS3 },
      { rule: 'PCI.DSS.321-S3DefaultEncryptionKMS', claim: 'REST-1', reason: sseS3 },
    );
    const noReplica =
      'Access logs are operational records of this region, versioned and retained for 400 days; they hold no customer data that must survive the loss of the region';
    acknowledgeFinding(
      this.bucket,
      { rule: 'NIST.800.53.R5-S3BucketReplicationEnabled', claim: 'DATA-3', reason: noReplica },
      { rule: 'HIPAA.Security-S3BucketReplicationEnabled', claim: 'DATA-3', reason: noReplica },
      { rule: 'PCI.DSS.321-S3BucketReplicationEnabled', claim: 'DATA-3', reason: noReplica },
    );
  }
}
