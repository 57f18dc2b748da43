import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { asArray, props } from '../private/cfn';

import { SINGLE_ZONE_STORAGE_CLASSES } from '../../../core/requirements/data';

/**
 * DATA-1: no storage lives in a single zone: no S3 lifecycle or replication rule moves objects to ONEZONE_IA, no
 * S3 Express One Zone directory bucket, no EFS One Zone file system.
 */
export const noSingleZoneStorage = resourceCheck({
  id: 'DATA1-NoSingleZoneStorageClass',
  claims: ['DATA-1'],
  failure: 'Storage is placed in a single availability zone (ONEZONE_IA, S3 Express One Zone or EFS One Zone).',
  description:
    'DATA-1: "written to multiple disks instantly" is false for one-zone storage classes; a zone failure loses that data.',
  evidenceProperties: ['LifecycleConfiguration.Rules'],
  appliesTo: ofTypes('AWS::S3::Bucket', 'AWS::S3Express::DirectoryBucket', 'AWS::EFS::FileSystem'),
  judge: (node) => {
    switch (node.type) {
      case 'AWS::S3Express::DirectoryBucket':
        return ['S3ExpressOneZoneBucket'];
      case 'AWS::EFS::FileSystem':
        return props(node).AvailabilityZoneName ? ['EfsOneZone'] : true;
      case 'AWS::S3::Bucket': {
        const p = props(node);
        const rules = asArray((p.LifecycleConfiguration as { Rules?: Record<string, unknown>[] } | undefined)?.Rules);
        const classes = rules
          .flatMap((r) => [
            ...asArray(r.Transitions as { StorageClass?: string }[]),
            ...asArray(r.Transition as { StorageClass?: string }),
            ...asArray(r.NoncurrentVersionTransitions as { StorageClass?: string }[]),
            ...asArray(r.NoncurrentVersionTransition as { StorageClass?: string }),
          ])
          .map((t) => t.StorageClass);
        const replication = asArray(
          (p.ReplicationConfiguration as { Rules?: { Destination?: { StorageClass?: string } }[] } | undefined)?.Rules,
        );
        classes.push(...replication.map((r) => r.Destination?.StorageClass));
        return classes.some((c) => SINGLE_ZONE_STORAGE_CLASSES.includes(String(c))) ? ['OneZoneStorageClass'] : true;
      }
      default:
        return NOT_APPLICABLE;
    }
  },
});
