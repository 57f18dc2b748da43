import type { CfnTag } from './common';
import type { PolicyDocument } from './iam';

/** Typed views of AWS::S3::* properties. */

export interface PublicAccessBlockConfiguration {
  readonly BlockPublicAcls?: unknown;
  readonly BlockPublicPolicy?: unknown;
  readonly IgnorePublicAcls?: unknown;
  readonly RestrictPublicBuckets?: unknown;
}

/** A lifecycle transition (current or noncurrent versions, list or legacy single form). */
export interface LifecycleTransition {
  readonly StorageClass?: unknown;
}

export interface LifecycleRule {
  readonly Id?: unknown;
  readonly Status?: unknown;
  readonly Transitions?: readonly LifecycleTransition[];
  readonly Transition?: LifecycleTransition;
  readonly NoncurrentVersionTransitions?: readonly LifecycleTransition[];
  readonly NoncurrentVersionTransition?: LifecycleTransition;
  readonly ExpirationInDays?: unknown;
  readonly NoncurrentVersionExpiration?: unknown;
  readonly NoncurrentVersionExpirationInDays?: unknown;
  readonly AbortIncompleteMultipartUpload?: unknown;
}

export interface ReplicationRule {
  readonly Id?: unknown;
  readonly Status?: unknown;
  readonly DeleteMarkerReplication?: { readonly Status?: unknown };
  readonly Destination?: {
    readonly Bucket?: unknown;
    readonly StorageClass?: unknown;
    readonly ReplicationTime?: { readonly Status?: unknown };
    readonly Metrics?: { readonly Status?: unknown };
    readonly EncryptionConfiguration?: { readonly ReplicaKmsKeyID?: unknown };
  };
}

/** An S3 request metrics filter. */
export interface MetricsConfiguration {
  readonly Id?: unknown;
  readonly Prefix?: unknown;
}

export interface BucketProps {
  readonly BucketName?: unknown;
  readonly VersioningConfiguration?: { readonly Status?: unknown };
  readonly OwnershipControls?: { readonly Rules?: readonly { readonly ObjectOwnership?: unknown }[] };
  readonly LifecycleConfiguration?: { readonly Rules?: readonly LifecycleRule[] };
  readonly ReplicationConfiguration?: { readonly Role?: unknown; readonly Rules?: readonly ReplicationRule[] };
  readonly MetricsConfigurations?: readonly MetricsConfiguration[];
  readonly PublicAccessBlockConfiguration?: PublicAccessBlockConfiguration;
  readonly Tags?: readonly CfnTag[];
  readonly LoggingConfiguration?: { readonly DestinationBucketName?: unknown; readonly LogFilePrefix?: unknown };
  readonly BucketEncryption?: {
    readonly ServerSideEncryptionConfiguration?: readonly {
      readonly ServerSideEncryptionByDefault?: { readonly SSEAlgorithm?: unknown; readonly KMSMasterKeyID?: unknown };
      readonly BucketKeyEnabled?: unknown;
    }[];
  };
  readonly ObjectLockEnabled?: unknown;
  readonly ObjectLockConfiguration?: {
    readonly ObjectLockEnabled?: unknown;
    readonly Rule?: { readonly DefaultRetention?: unknown };
  };
}

export interface BucketPolicyProps {
  readonly Bucket?: unknown;
  readonly PolicyDocument?: PolicyDocument;
}
