import { SINGLE_ZONE_STORAGE_CLASSES } from '../../../core/requirements/data';
import type { FileSystemProps } from '../../template/cfn/efs';
import type { BucketProps, LifecycleTransition, ReplicationRule } from '../../template/cfn/s3';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';
import { asArray } from '../private/cfn';

/**
 * DATA-1: no storage lives in a single zone: no S3 lifecycle or replication rule moves objects to ONEZONE_IA, no
 * S3 Express One Zone directory bucket, no EFS One Zone file system.
 */
export const noSingleZoneStorage = modelResourceCheck<BucketProps & FileSystemProps>({
  id: 'DATA1-NoSingleZoneStorageClass',
  claims: ['DATA-1'],
  failure: 'Storage is placed in a single availability zone (ONEZONE_IA, S3 Express One Zone or EFS One Zone).',
  description:
    'DATA-1: "written to multiple disks instantly" is false for one-zone storage classes; a zone failure loses that data.',
  evidenceProperties: ['LifecycleConfiguration.Rules'],
  types: ['AWS::S3::Bucket', 'AWS::S3Express::DirectoryBucket', 'AWS::EFS::FileSystem'],
  judge: (node, model) => {
    switch (node.type) {
      case 'AWS::S3Express::DirectoryBucket':
        return ['S3ExpressOneZoneBucket'];
      case 'AWS::EFS::FileSystem':
        return node.props.AvailabilityZoneName ? ['EfsOneZone'] : true;
      case 'AWS::S3::Bucket': {
        const transitions = asArray(node.props.LifecycleConfiguration?.Rules).flatMap((r) => [
          ...asArray<LifecycleTransition>(r.Transitions),
          ...asArray<LifecycleTransition>(r.Transition),
          ...asArray<LifecycleTransition>(r.NoncurrentVersionTransitions),
          ...asArray<LifecycleTransition>(r.NoncurrentVersionTransition),
        ]);
        const classes = [
          ...transitions.map((t) => t.StorageClass),
          ...asArray<ReplicationRule>(node.props.ReplicationConfiguration?.Rules).map(
            (r) => r.Destination?.StorageClass,
          ),
        ].map((c) => model.text(node, c));
        return classes.some((c) => c !== undefined && SINGLE_ZONE_STORAGE_CLASSES.includes(c))
          ? ['OneZoneStorageClass']
          : true;
      }
      default:
        return NOT_APPLICABLE;
    }
  },
});
