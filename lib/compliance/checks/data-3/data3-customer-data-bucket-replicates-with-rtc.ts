import type { BucketProps, ReplicationRule } from '../../template/cfn/s3';
import { modelResourceCheck } from '../check';
import { asArray, holdsCustomerData, holdsReplica } from '../private/cfn';

/**
 * DATA-3: every upload and dump bucket (not the replicas themselves) replicates everything, with Replication Time
 * Control, replication metrics, delete-marker replication and KMS re-encryption of the replicas.
 */
export const bucketReplicationTimeControl = modelResourceCheck<BucketProps>({
  id: 'DATA3-CustomerDataBucketReplicatesWithRtc',
  claims: ['DATA-3'],
  failure:
    'A customer-data bucket does not replicate, or replicates without Replication Time Control, metrics, delete markers or a replica KMS key.',
  description:
    'DATA-3: "stored in multiple locations" needs every object copied to the second region within minutes (RTC: 99.99% within 15 minutes), measured, and encrypted there.',
  evidenceProperties: ['BucketName', 'ReplicationConfiguration'],
  types: ['AWS::S3::Bucket'],
  appliesTo: (node) => holdsCustomerData(node) && !holdsReplica(node),
  judge: (node) => {
    const enabled = asArray<ReplicationRule>(node.props.ReplicationConfiguration?.Rules).filter(
      (r) => r.Status === 'Enabled',
    );
    if (enabled.length === 0) return ['NotReplicated'];
    const findings = new Set<string>();
    for (const r of enabled) {
      if (r.Destination?.ReplicationTime?.Status !== 'Enabled') findings.add('NoReplicationTimeControl');
      if (r.Destination?.Metrics?.Status !== 'Enabled') findings.add('NoReplicationMetrics');
      if (r.DeleteMarkerReplication?.Status !== 'Enabled') findings.add('DeleteMarkersNotReplicated');
      if (!r.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID) findings.add('ReplicaNotKmsEncrypted');
    }
    return findings.size ? [...findings] : true;
  },
});
