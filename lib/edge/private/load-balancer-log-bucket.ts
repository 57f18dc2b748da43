import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../../core/acknowledge';
import { declareLogDestination } from '../../core/log-destination';

/**
 * The load balancer's own access-log bucket: versioned, TLS 1.2+ only, public access blocked, owner-enforced,
 * expiring logs after `retentionDays`. Encrypted with S3 managed keys because ELB access-log delivery supports
 * no other encryption.
 */
export class LoadBalancerLogBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, retentionDays: number) {
    super(scope, id, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
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
    const packs = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];
    declareLogDestination(this, 'load-balancer-access-logs');
    acknowledgeFinding(
      this,
      ...packs.map((pack) => ({
        rule: `${pack}-S3DefaultEncryptionKMS`,
        claim: 'TRANSIT-1' as const,
        reason:
          'Elastic Load Balancing delivers access logs only to buckets encrypted with S3 managed keys (SSE-S3); SSE-KMS would stop log delivery. The logs hold request metadata, not customer data.',
      })),
      ...packs.map((pack) => ({
        rule: `${pack}-S3BucketReplicationEnabled`,
        claim: 'TRANSIT-1' as const,
        reason:
          'Load balancer access logs are operational telemetry, not customer data; they are versioned and kept for their retention period in this region, and are not part of the recovery set of DATA-3.',
      })),
    );
  }
}
