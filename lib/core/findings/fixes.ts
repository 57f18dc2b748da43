/**
 * How to fix a failing claims check: what the synth gate prints beside each finding. Keyed by `<check id>[<finding>]`
 * (or `<check id>` for every finding of the check); a value is one text, or texts by CloudFormation type (`*` for
 * any other type). Each names the construct prop first (what a CDK user changes), then the template property.
 */
export type FindingFix = string | Readonly<Record<string, string>>;

const KMS_KEY = 'a kms.Key with enableKeyRotation: true';

export const FINDING_FIXES: Readonly<Record<string, FindingFix>> = {
  // Encryption at rest.
  'REST1-EveryDataStoreEncryptedAtRest[NotEncryptedAtRest]': {
    'AWS::S3::Bucket': `s3.Bucket: set encryption: s3.BucketEncryption.KMS and encryptionKey (${KMS_KEY}) (template: BucketEncryption)`,
    'AWS::SQS::Queue': `sqs.Queue: set encryption: sqs.QueueEncryption.KMS and encryptionMasterKey (${KMS_KEY}) (template: KmsMasterKeyId)`,
    'AWS::SNS::Topic': `sns.Topic: set masterKey (${KMS_KEY}) (template: KmsMasterKeyId)`,
    'AWS::DynamoDB::Table': `dynamodb.TableV2: set encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) (template: SSESpecification.SSEEnabled)`,
    'AWS::RDS::DBCluster': `rds.DatabaseCluster: set storageEncrypted: true and storageEncryptionKey (${KMS_KEY}) (template: StorageEncrypted)`,
    'AWS::RDS::DBInstance': `rds.DatabaseInstance: set storageEncrypted: true and storageEncryptionKey (${KMS_KEY}) (template: StorageEncrypted)`,
    'AWS::EFS::FileSystem': `efs.FileSystem: set encrypted: true and kmsKey (${KMS_KEY}) (template: Encrypted)`,
    'AWS::Logs::LogGroup': `logs.LogGroup: set encryptionKey (${KMS_KEY}, usable by logs.<region>.amazonaws.com) (template: KmsKeyId)`,
    'AWS::Kinesis::Stream': `kinesis.Stream: set encryption: kinesis.StreamEncryption.KMS and encryptionKey (template: StreamEncryption)`,
  },
  'REST1-CustomerDataBucketCustomerManagedKey[NotSseKms]': `s3.Bucket: set encryption: s3.BucketEncryption.KMS and encryptionKey (${KMS_KEY}) (template: BucketEncryption)`,
  'REST1-CustomerDataBucketCustomerManagedKey[KeyNotCustomerManagedInThisRegion]': `s3.Bucket: set encryptionKey (${KMS_KEY}, created in the bucket's region) (template: KMSMasterKeyID)`,
  'REST1-CustomerDataBucketCustomerManagedKey[KeyRotationOff]':
    'kms.Key of the bucket: set enableKeyRotation: true (template: EnableKeyRotation)',
  'REST1-CustomerDataBucketCustomerManagedKey[NoBucketKey]':
    's3.Bucket: set bucketKeyEnabled: true (template: BucketKeyEnabled)',
  'REST2-DatabaseStorageCustomerManagedKey[StorageNotEncrypted]': `rds.DatabaseCluster: set storageEncrypted: true and storageEncryptionKey (${KMS_KEY}) (template: StorageEncrypted, KmsKeyId)`,
  'REST2-DatabaseStorageCustomerManagedKey[StorageKeyNotCustomerManaged]': `rds.DatabaseCluster: set storageEncryptionKey (${KMS_KEY}) (template: KmsKeyId)`,
  'REST2-DatabaseStorageCustomerManagedKey[StorageKeyRotationOff]':
    'kms.Key of the database: set enableKeyRotation: true (template: EnableKeyRotation)',
  'REST3-BackupVaultCustomerManagedKey[VaultKeyNotCustomerManaged]': `backup.BackupVault: set encryptionKey (${KMS_KEY}) (template: EncryptionKeyArn)`,
  'REST3-BackupVaultCustomerManagedKey[VaultKeyRotationOff]':
    'kms.Key of the vault: set enableKeyRotation: true (template: EnableKeyRotation)',

  // Public access.
  ...Object.fromEntries(
    ['NoBlockPublicAcls', 'NoBlockPublicPolicy', 'NoIgnorePublicAcls', 'NoRestrictPublicBuckets'].map((f) => [
      `TRANSIT2-NoDataStorePublic[${f}]`,
      's3.Bucket: set blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL (template: PublicAccessBlockConfiguration, all four true)',
    ]),
  ),
  'TRANSIT2-NoDataStorePublic[AllowsEveryone]':
    "the resource policy: remove the Allow to Principal '*' (or add a condition such as aws:PrincipalAccount)",
  'DATA4-CustomerDataBucketHardened[PublicAccessNotFullyBlocked]':
    's3.Bucket: set blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL (template: PublicAccessBlockConfiguration)',
  'DATA4-CustomerDataBucketHardened[NotVersioned]':
    's3.Bucket: set versioned: true (template: VersioningConfiguration.Status)',
  'DATA3-CustomerDataBucketReplicatesWithRtc[NotReplicated]':
    's3.Bucket: set versioned: true and replicationRules to a bucket in the recovery region, with replicationTimeControl (template: ReplicationConfiguration)',
  'DATA4-CustomerDataBucketHardened[OwnershipNotEnforced]':
    's3.Bucket: set objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED (template: OwnershipControls)',
  'DATA4-CustomerDataBucketHardened[NoNoncurrentVersionLifecycle]':
    's3.Bucket: add a lifecycle rule with noncurrentVersionExpiration (template: LifecycleConfiguration)',
  'DATA4-CustomerDataBucketHardened[NoIncompleteUploadLifecycle]':
    's3.Bucket: add a lifecycle rule with abortIncompleteMultipartUploadAfter (template: LifecycleConfiguration)',

  // TLS in transit.
  'TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyWithoutTls]':
    's3.Bucket: set enforceSSL: true and minimumTLSVersion: 1.2 (template: bucket policy Denies on aws:SecureTransport false and s3:TlsVersion < 1.2)',
  'TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyBelowTls12]':
    's3.Bucket: set enforceSSL: true and minimumTLSVersion: 1.2 (template: bucket policy Denies on aws:SecureTransport false and s3:TlsVersion < 1.2)',
  'TRANSIT1-MessagesRefusePlaintext[NoDenyWithoutTls]': {
    'AWS::SQS::Queue': 'sqs.Queue: set enforceSSL: true (template: a queue policy Deny on aws:SecureTransport false)',
    'AWS::SNS::Topic': 'sns.Topic: set enforceSSL: true (template: a topic policy Deny on aws:SecureTransport false)',
  },
  'TRANSIT1-DatabaseForcesTls[ForceSslOff]':
    "rds.DatabaseCluster: set parameters: { 'rds.force_ssl': '1' } (template: the cluster parameter group)",
  'TRANSIT1-HttpsListenerSendsHsts':
    "the HTTPS listener: set the attribute routing.http.response.strict_transport_security.header_value (CfnListener.listenerAttributes; no L2 prop), for example 'max-age=31536000; includeSubDomains'",
  'TRANSIT1-ListenerHttpsOrRedirectOnly':
    'elbv2.ApplicationListener: protocol HTTPS with sslPolicy a TLS 1.3 policy (SslPolicy.TLS13_RES); port 80 only with a redirect action to 443',

  // Logging.
  'MONITOR1-EveryDataStoreAccessLogged[NoServerAccessLogNorDataEvents]':
    's3.Bucket: set serverAccessLogsBucket (a log bucket with SSE-S3 encryption in the same region and account), or record its object events on a CloudTrail trail (trail.addS3EventSelector)',
  'MONITOR1-EveryDataStoreAccessLogged[DataEventsNotRecorded]':
    "record this store's data events on the platform's trail: an advanced event selector for its resource type and ARN (CfnTrail.advancedEventSelectors)",
  'MONITOR1-EveryDataStoreAccessLogged[DatabaseLogNotExported]':
    "rds.DatabaseCluster: set cloudwatchLogsExports: ['postgresql'] (template: EnableCloudwatchLogsExports)",
  'MONITOR1-EveryDataStoreAccessLogged[AccessLogTargetNotSseS3]':
    's3.Bucket used as serverAccessLogsBucket: set encryption: s3.BucketEncryption.S3_MANAGED (S3 cannot deliver access logs into a KMS bucket)',
  'MONITOR1-EveryDataStoreAccessLogged[AccessLogTargetIsItself]':
    's3.Bucket: set serverAccessLogsBucket to another bucket',
  'MONITOR1-TrailMultiRegionValidatedEncrypted':
    'cloudtrail.Trail: set isMultiRegionTrail: true, enableFileValidation: true, encryptionKey, includeGlobalServiceEvents: true, sendToCloudWatchLogs: true',
  'TRANSIT2-VpcFlowLogsAllTraffic':
    'ec2.Vpc: add flowLogs with trafficType: ec2.FlowLogTrafficType.ALL (template: AWS::EC2::FlowLog TrafficType ALL)',

  // Redundancy.
  'HA1-ServiceRedundantDeployment[FewerThanThreeTasks]':
    'ecs.FargateService: set desiredCount: 3 or more (template: DesiredCount)',
  'HA1-ServiceRedundantDeployment[MinimumHealthyBelow100]':
    'ecs.FargateService: set minHealthyPercent: 100 (template: DeploymentConfiguration.MinimumHealthyPercent)',
  'HA1-ServiceRedundantDeployment[NoCircuitBreakerRollback]':
    'ecs.FargateService: set circuitBreaker: { rollback: true } (template: DeploymentConfiguration.DeploymentCircuitBreaker)',
};

/** The fix for a finding of a check on a resource of `resourceType`, or undefined when no clear fix is recorded. */
export function findingFix(checkId: string, finding?: string, resourceType?: string): string | undefined {
  const fix = (finding ? FINDING_FIXES[`${checkId}[${finding}]`] : undefined) ?? FINDING_FIXES[checkId];
  if (fix === undefined || typeof fix === 'string') return fix;
  return (resourceType ? fix[resourceType] : undefined) ?? fix['*'];
}
