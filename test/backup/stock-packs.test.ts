import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { TEST_NOW } from '../support/reference-constants';

interface Report {
  pluginReports: {
    pluginName: string;
    violations?: { ruleName: string; violatingConstructs?: { constructPath?: string }[] }[];
    suppressedViolations?: { ruleName: string; reason?: string; violatingConstructs?: { constructPath?: string }[] }[];
  }[];
}

/** The stock packs on the data and recovery stacks: no unacknowledged finding, and every acknowledgment reasoned. */
describe('Data and Recovery stacks under AwsSolutions, NIST 800-53 R5, HIPAA and PCI DSS', () => {
  let report: Report;
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-packs-'));
    const app = new App({ outdir });
    new PlatformStage(app, 'packs', {
      config: referencePlatformConfig({ environmentName: 'packs' }, TEST_NOW),
      now: TEST_NOW,
    });
    try {
      app.synth();
    } catch {
      // A failing validation still writes the report; the assertions below say what failed.
    }
    report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const ours = (p?: string) => /^packs\/(Data|Recovery)\//.test(p ?? '');

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

  test('the granular IAM5 findings of the backup role and the dump task are acknowledged with a claim and a reason', () => {
    const aws = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions')!;
    const iam5 = (aws.suppressedViolations ?? []).filter(
      (s) => s.ruleName.startsWith('AwsSolutions-IAM5[') && s.violatingConstructs?.some((c) => ours(c.constructPath)),
    );
    expect(iam5.map((s) => s.ruleName).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(
        /^AwsSolutions-IAM5\[Resource::arn:.*:events:eu-west-1:123456789012:rule\/AwsBackupManagedRule\*\]$/,
      ),
      expect.stringMatching(
        /^AwsSolutions-IAM5\[Resource::arn:.*:rds:eu-west-1:123456789012:cluster-snapshot:awsbackup:\*\]$/,
      ),
    ]);
    for (const s of iam5) expect(s.reason).toMatch(/^\[(DATA-2|REST-3)\] .{40,}/);
    const star = iam5.filter((s) => s.ruleName === 'AwsSolutions-IAM5[Resource::*]');
    expect(
      star
        .flatMap((s) => s.violatingConstructs!.map((c) => c.constructPath))
        .filter(ours)
        .sort(),
    ).toEqual(['packs/Data/Backup/RolePolicy/Resource', 'packs/Data/DumpTask/ExecutionRole/GrantsPolicy/Resource']);
  });
});
