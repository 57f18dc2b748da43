import { sharedValidationReport, ValidationReport } from '../support/shared-validation-report';

/** The stock packs on the data and recovery stacks: no unacknowledged finding, and every acknowledgment reasoned. */
describe('Data and Recovery stacks under AwsSolutions, NIST 800-53 R5, HIPAA and PCI DSS', () => {
  // GIVEN CDK's validation report of the reference platform, written by the global setup's app synth
  let report: ValidationReport;
  beforeAll(() => {
    report = sharedValidationReport();
  });

  const ours = (p?: string) => /^ref\/(Data|Recovery)\//.test(p ?? '');

  test('no stock pack has an unacknowledged finding on them', () => {
    const violations = report.pluginReports
      .filter((p) => ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].includes(p.pluginName))
      .flatMap((p) =>
        (p.violations ?? []).flatMap((v) =>
          (v.violatingConstructs ?? [])
            .filter((c) => ours(c.constructPath))
            .map((c) => `${v.ruleName} ${c.constructPath}`),
        ),
      );
    expect(violations).toEqual([]);
  });

  test('the granular IAM5 findings of the backup role, the dump task and the database bootstrap are acknowledged with a reason an auditor can read', () => {
    // One AwsSolutions report per stage: the opted-out platform's are left out by path.
    const suppressed = report.pluginReports
      .filter((p) => p.pluginName === 'AwsSolutions')
      .flatMap((p) => p.suppressedViolations ?? []);
    const iam5 = suppressed.filter(
      (s) => s.ruleName.startsWith('AwsSolutions-IAM5[') && s.violatingConstructs?.some((c) => ours(c.constructPath)),
    );
    // Restore tests: the restore role restores from AWS Backup's snapshots into awsbackup-restore-test-* resources
    // (both regions: cluster and bucket), the validation reads them and the uploads.
    const RESTORE_TEST_IAM5 = [
      // The restore roles' describe calls (both regions); the validation's PutRestoreValidationResult and VPC attachment.
      ...Array(3).fill('AwsSolutions-IAM5[Resource::*]'),
      // The recovery region's restores of the cluster's copies, into its restore-test VPC.
      'AwsSolutions-IAM5[Resource::arn:aws:rds:eu-central-1:123456789012:cluster-pg:*]',
      'AwsSolutions-IAM5[Resource::arn:aws:rds:eu-central-1:123456789012:cluster-snapshot:awsbackup:*]',
      'AwsSolutions-IAM5[Resource::arn:aws:rds:eu-central-1:123456789012:cluster:awsbackup-restore-test-*]',
      'AwsSolutions-IAM5[Resource::arn:aws:rds:eu-central-1:123456789012:db:awsbackup-restore-test-*]',
      'AwsSolutions-IAM5[Resource::<UploadsBucketC4B27CC7.Arn>/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:rds:eu-west-1:123456789012:cluster-pg:*]',
      'AwsSolutions-IAM5[Resource::arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:awsbackup:*]',
      ...Array(2).fill(
        'AwsSolutions-IAM5[Resource::arn:aws:rds:eu-west-1:123456789012:cluster:awsbackup-restore-test-*]',
      ),
      ...Array(2).fill('AwsSolutions-IAM5[Resource::arn:aws:rds:eu-west-1:123456789012:db:awsbackup-restore-test-*]'),
      'AwsSolutions-IAM5[Resource::arn:aws:rds:eu-west-1:123456789012:pg:default.*]',
      ...Array(3).fill('AwsSolutions-IAM5[Resource::arn:aws:s3:::awsbackup-restore-test-*/*]'),
      ...Array(3).fill('AwsSolutions-IAM5[Resource::arn:aws:s3:::awsbackup-restore-test-*]'),
    ];
    // Restore tests' findings, one each: what is left must be the backup role's, the dump task's and the bootstrap's.
    const names = iam5.map((s) => s.ruleName).sort();
    for (const name of RESTORE_TEST_IAM5) {
      expect(names).toContain(name);
      names.splice(names.indexOf(name), 1);
    }
    expect(names).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::*]',
      // The daily dump check's VPC attachment.
      'AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(
        /^AwsSolutions-IAM5\[Resource::arn:.*:events:eu-west-1:123456789012:rule\/AwsBackupManagedRule\*\]$/,
      ),
      // AWS Backup's own snapshots in both regions: it copies an Aurora snapshot by calling RDS in the recovery region.
      expect.stringMatching(
        /^AwsSolutions-IAM5\[Resource::arn:.*:rds:eu-central-1:123456789012:cluster-snapshot:awsbackup:\*\]$/,
      ),
      expect.stringMatching(
        /^AwsSolutions-IAM5\[Resource::arn:.*:rds:eu-west-1:123456789012:cluster-snapshot:awsbackup:\*\]$/,
      ),
    ]);
    for (const s of iam5) expect(s.reason).toMatch(/^.{40,}/s);
    const star = iam5.filter((s) => s.ruleName === 'AwsSolutions-IAM5[Resource::*]');
    expect(
      star
        .flatMap((s) => s.violatingConstructs!.map((c) => c.constructPath))
        .filter(ours)
        .sort(),
    ).toEqual([
      'ref/Data/Backup/RolePolicy/Resource',
      // Lambda's VPC network-interface actions, which have no narrower resource.
      'ref/Data/DatabaseBootstrap/Role/GrantsPolicy/Resource',
      'ref/Data/DumpCheck/Role/GrantsPolicy/Resource',
      'ref/Data/DumpTask/ExecutionRole/GrantsPolicy/Resource',
      // EC2 and RDS describe calls of the restore role; PutRestoreValidationResult and VPC attachment of the validation.
      'ref/Data/RestoreTesting/RolePolicy/Resource',
      'ref/Data/RestoreValidation/Role/GrantsPolicy/Resource',
      // The recovery region's restore role: the same describe calls.
      'ref/Recovery/RestoreTesting/RolePolicy/Resource',
    ]);
  });
});
