import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  dailyCopiesLeaveRegion,
  uploadsReplicatedToAnotherRegion,
  bucketReplicationTimeControl,
} from '../../lib/compliance/checks';
import {
  failuresOf,
  judge,
  ofType,
  referenceClaimStatus,
  scratchStack,
  weakenedReference,
  referenceFailures,
  asCustomerData,
} from '../support/claims-support';

describe('DATA-3: stored in multiple locations', () => {
  test('the reference platform satisfies every DATA-3 rule and check', () => {
    expect(referenceFailures('DATA-3')).toEqual([]);
  });

  test('the evidence marks DATA-3 proven', () => {
    expect(referenceClaimStatus('DATA-3').status).toBe('proven');
  });

  test('fails when an upload bucket is not replicated', () => {
    const stack = scratchStack();
    asCustomerData(new s3.CfnBucket(stack, 'Uploads', { bucketName: 'x-uploads-123456789012-eu-west-1' }));
    expect(judge(bucketReplicationTimeControl, stack)).toEqual([['NotReplicated']]);
  });

  test('fails when an upload bucket replicates without RTC, metrics, delete markers or replica key', () => {
    const stack = scratchStack();
    asCustomerData(
      new s3.CfnBucket(stack, 'Uploads', {
        bucketName: 'x-uploads-123456789012-eu-west-1',
        replicationConfiguration: {
          role: 'arn:aws:iam::123456789012:role/r',
          rules: [
            { status: 'Enabled', destination: { bucket: 'arn:aws:s3:::x-uploads-replica-123456789012-eu-central-1' } },
          ],
        },
      }),
    );
    expect(judge(bucketReplicationTimeControl, stack)).toEqual([
      ['NoReplicationTimeControl', 'NoReplicationMetrics', 'DeleteMarkersNotReplicated', 'ReplicaNotKmsEncrypted'],
    ]);
  });

  test('fails when the daily copy goes to a vault of the same region', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, plan] of ofType(t.Resources, 'AWS::Backup::BackupPlan')) {
        for (const rule of plan.Properties.BackupPlan.BackupPlanRule) {
          rule.CopyActions = [
            { DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:ref-recovery-vault' },
          ];
        }
      }
    });
    expect(failuresOf(dailyCopiesLeaveRegion, weak)).toEqual([
      expect.stringMatching(/no copy to a declared vault of another region/),
    ]);
  });

  test('fails when the recovery vault the copies name is not declared', () => {
    const weak = weakenedReference((id, t) => {
      if (id === 'Recovery')
        for (const [vid] of ofType(t.Resources, 'AWS::Backup::BackupVault')) delete t.Resources[vid];
    });
    expect(failuresOf(dailyCopiesLeaveRegion, weak)).toHaveLength(1);
  });

  test('fails when the replica bucket is missing from the recovery region', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Recovery') return;
      for (const [bid, b] of ofType(t.Resources, 'AWS::S3::Bucket'))
        if (String(b.Properties.BucketName).includes('uploads-replica')) delete t.Resources[bid];
    });
    expect(failuresOf(uploadsReplicatedToAnotherRegion, weak)).toEqual([
      'bucket ref-uploads-123456789012-eu-west-1: no RTC replication to a declared bucket of another region under a rotated key of that region',
    ]);
  });
});
