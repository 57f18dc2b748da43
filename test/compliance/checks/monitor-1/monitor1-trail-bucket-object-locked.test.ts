import { trailBucketObjectLocked as check } from '../../../../lib/compliance/checks/monitor-1/monitor1-trail-bucket-object-locked';
import { Change, edited, modelOf, ref, resource, verdicts } from '../../../support/check-fixtures';
import { referenceAssembly } from '../../../support/reference-assembly';

/** A trail delivering into a versioned bucket that locks each file for a year and expires it after seven. */
const monitoring = {
  Resources: {
    Trail: resource('AWS::CloudTrail::Trail', { IsLogging: true, S3BucketName: ref('TrailFiles') }),
    TrailFiles: resource('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
      },
      LifecycleConfiguration: { Rules: [{ Id: 'Expire', Status: 'Enabled', ExpirationInDays: 2557 }] },
    }),
  },
};

const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Monitoring': edited(monitoring, change) }));
const retention = (r: Parameters<Change>[0]) =>
  (r.TrailFiles.Properties.ObjectLockConfiguration as { Rule: { DefaultRetention: Record<string, unknown> } }).Rule
    .DefaultRetention;

describe('MONITOR1-TrailBucketObjectLocked', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Monitoring': monitoring }))).toEqual(['Trail: compliant']);
  });

  test("Compliance: the reference platform's trail bucket", () => {
    expect(verdicts(check, referenceAssembly())).toEqual([expect.stringMatching(/^AuditTrail\w+: compliant$/)]);
  });

  test('Compliance: COMPLIANCE mode in years, a bucket named by its literal name', () => {
    expect(
      judged((r) => {
        retention(r).Mode = 'COMPLIANCE';
        delete retention(r).Days;
        retention(r).Years = 1;
        r.TrailFiles.Properties.BucketName = 'trail-files';
        r.Trail.Properties.S3BucketName = 'trail-files';
      }),
    ).toEqual(['Trail: compliant']);
  });

  test.each<[number, string, Change, string[]]>([
    [
      1,
      'Object Lock not enabled on the bucket (the top-level switch)',
      (r) => delete r.TrailFiles.Properties.ObjectLockEnabled,
      ['Trail: TrailBucketObjectLockNotEnabled'],
    ],
    [
      2,
      'no Object Lock configuration at all',
      (r) => delete r.TrailFiles.Properties.ObjectLockConfiguration,
      ['Trail: TrailBucketObjectLockNotEnabled', 'Trail: TrailBucketNoDefaultRetention'],
    ],
    [
      3,
      'Object Lock without a default retention (files written unlocked)',
      (r) => delete (r.TrailFiles.Properties.ObjectLockConfiguration as Record<string, unknown>).Rule,
      ['Trail: TrailBucketNoDefaultRetention'],
    ],
    [
      4,
      'a default retention without a mode S3 enforces',
      (r) => delete retention(r).Mode,
      ['Trail: TrailBucketNoDefaultRetention'],
    ],
    [
      5,
      'versioning suspended',
      (r) => (r.TrailFiles.Properties.VersioningConfiguration = { Status: 'Suspended' }),
      ['Trail: TrailBucketNotVersioned'],
    ],
    [
      6,
      'a lock longer than the expiry (lifecycle never deletes a locked version)',
      (r) => (retention(r).Days = 3000),
      ['Trail: TrailBucketLockOutlivesExpiry'],
    ],
    [
      7,
      'a trail delivering into a bucket outside the assembly (fails closed)',
      (r) => (r.Trail.Properties.S3BucketName = 'someone-elses-bucket'),
      ['Trail: TrailBucketNotInAssembly'],
    ],
    [
      8,
      'a bucket name the model cannot read (fails closed)',
      (r) => (r.Trail.Properties.S3BucketName = { 'Fn::ImportValue': 'TrailBucket' }),
      ['Trail: TrailBucketNotInAssembly'],
    ],
  ])('Noncompliance %i: %s', (_n, _why, change, expected) => {
    expect(judged(change)).toEqual(expected);
  });
});
