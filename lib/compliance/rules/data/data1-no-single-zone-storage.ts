import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { asArray, cfnProperties } from './private/cfn';

const SINGLE_ZONE_CLASSES = ['ONEZONE_IA', 'EXPRESS_ONEZONE'];

/**
 * DATA-1: no storage lives in a single zone: no S3 lifecycle or replication rule moves objects to ONEZONE_IA, no
 * S3 Express One Zone directory bucket, no EFS One Zone file system.
 */
export const noSingleZoneStorage: ClaimRule = {
  id: 'DATA1-NoSingleZoneStorageClass',
  claims: ['DATA-1'],
  info: 'Storage is placed in a single availability zone (ONEZONE_IA, S3 Express One Zone or EFS One Zone).',
  explanation:
    'DATA-1: "written to multiple disks instantly" is false for one-zone storage classes; a zone failure loses that data.',
  evidenceProperties: ['LifecycleConfiguration.Rules'],
  check: (node: CfnResource): NagRuleResult => {
    switch (node.cfnResourceType) {
      case 'AWS::S3Express::DirectoryBucket':
        return ['S3ExpressOneZoneBucket'];
      case 'AWS::EFS::FileSystem':
        return cfnProperties(node).AvailabilityZoneName ? ['EfsOneZone'] : NagRuleCompliance.COMPLIANT;
      case 'AWS::S3::Bucket': {
        const p = cfnProperties(node);
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
        return classes.some((c) => SINGLE_ZONE_CLASSES.includes(String(c)))
          ? ['OneZoneStorageClass']
          : NagRuleCompliance.COMPLIANT;
      }
      default:
        return NagRuleCompliance.NOT_APPLICABLE;
    }
  },
};
