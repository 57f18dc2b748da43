import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { modelResourceCheck } from '../../../lib/compliance/checks/check';
import type { BucketProps } from '../../../lib/compliance/template/cfn/s3';
import { ClaimsPlugin } from '../../../lib/compliance/gate/claims-plugin';
import { acknowledgeFinding } from '../../../lib/core/acknowledge';

const versioned = modelResourceCheck<BucketProps>({
  id: 'DATA4-FixtureVersioned',
  claims: ['DATA-4'],
  failure: 'The bucket is not versioned.',
  description: 'Fixture: versioning keeps overwritten uploads.',
  types: ['AWS::S3::Bucket'],
  judge: (b) => (b.props.VersioningConfiguration?.Status === 'Enabled' ? true : ['NotVersioned']),
});

/** A stage with two unversioned buckets, one of them acknowledged by `acknowledge`, synthesized with the plugin. */
function synth(acknowledge: (bucket: s3.Bucket) => void): { threw: unknown; report: Record<string, unknown> } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ack-'));
  const app = new App({ outdir });
  const stage = new Stage(app, 'fixture', { env: { account: '123456789012', region: 'eu-west-1' } });
  const stack = new Stack(stage, 'S');
  new s3.Bucket(stack, 'Plain');
  acknowledge(new s3.Bucket(stack, 'Legacy'));
  Validations.of(stage).addPlugins(new ClaimsPlugin([versioned]));
  let threw: unknown;
  try {
    app.synth();
  } catch (e) {
    threw = e;
  }
  const file = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: Record<string, unknown>[];
  };
  return { threw, report: file.pluginReports.find((p) => p.pluginName === 'Claims')! };
}

const paths = (entries: unknown) =>
  (entries as { violatingConstructs: { constructPath: string }[] }[] | undefined)?.flatMap((v) =>
    v.violatingConstructs.map((c) => c.constructPath),
  ) ?? [];

describe('acknowledging a claims finding', () => {
  test.each([
    [
      'Validations.of(construct).acknowledge',
      (b: s3.Bucket) =>
        Validations.of(b).acknowledge({
          id: 'Claims::Claims-DATA4-FixtureVersioned[NotVersioned]',
          reason: 'Fixture: this bucket is emptied and read-only; versioning would keep nothing.',
        }),
    ],
    [
      'acknowledgeFinding',
      (b: s3.Bucket) =>
        acknowledgeFinding(b, {
          rule: 'Claims-DATA4-FixtureVersioned[NotVersioned]',
          claim: 'DATA-4',
          reason: 'Fixture: this bucket is emptied and read-only; versioning would keep nothing.',
        }),
    ],
  ])('with %s suppresses the finding on that construct only, as it does for cdk-nag', (_how, acknowledge) => {
    const { threw, report } = synth(acknowledge);
    expect(paths(report.suppressedViolations)).toEqual(['fixture/S/Legacy/Resource']);
    expect(paths(report.violations)).toEqual(['fixture/S/Plain/Resource']);
    expect(String(threw)).toMatch(/Claims-DATA4-FixtureVersioned\[NotVersioned\]/);
  });

  test('passes synth once every finding is acknowledged', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'ack-')) });
    const stage = new Stage(app, 'fixture', { env: { account: '123456789012', region: 'eu-west-1' } });
    acknowledgeFinding(new s3.Bucket(new Stack(stage, 'S'), 'Legacy'), {
      rule: 'Claims-DATA4-FixtureVersioned[NotVersioned]',
      claim: 'DATA-4',
      reason: 'Fixture: this bucket is emptied and read-only; versioning would keep nothing.',
    });
    Validations.of(stage).addPlugins(new ClaimsPlugin([versioned]));
    expect(() => app.synth()).not.toThrow();
  });

  test('does not suppress a different finding of the same check', () => {
    const { report } = synth((b) =>
      acknowledgeFinding(b, {
        rule: 'Claims-DATA4-FixtureVersioned[SomethingElse]',
        claim: 'DATA-4',
        reason: 'Fixture: an acknowledgment of another finding must not cover this one.',
      }),
    );
    expect(paths(report.suppressedViolations)).toEqual([]);
    expect(paths(report.violations).sort()).toEqual(['fixture/S/Legacy/Resource', 'fixture/S/Plain/Resource']);
  });
});
