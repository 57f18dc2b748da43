import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgeFinding } from '../../lib/core/acknowledge';

const repoRoot = path.join(__dirname, '../..');

describe('synth gate', () => {
  test('fails app synth when a registered pack reports an unacknowledged violation', () => {
    // GIVEN a bucket without access logs or a TLS-only policy
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gate-')) });
    new s3.Bucket(new Stack(app, 'S'), 'B');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });

  test('passes app synth once every finding is fixed or acknowledged with a reason', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gate-')) });
    const bucket = new s3.Bucket(new Stack(app, 'S'), 'B', { enforceSSL: true });
    acknowledgeFinding(bucket, {
      rule: 'AwsSolutions-S1',
      claim: 'DATA-4',
      reason: 'Fixture: this bucket is itself a log bucket; logging it would recurse.',
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  // The CLI reports validation findings only for the stacks it selected; the app itself must still fail whatever
  // the selection, or a bare `cdk synth` (what cdk init's README teaches) would certify nothing and exit 0.
  test.each([
    ["'**' (npm run synth's selection)", ['**'], /AwsSolutions-S10/],
    // Without a selection the CLI prints the app's own report, whose first findings are the claims checks'.
    ['no selection (a bare cdk synth)', [], /Claims-\w+/],
    ['one stack of the stage', ['prod/Violating'], /AwsSolutions-S10/],
  ])('makes the real `cdk synth` exit non-zero with %s, naming the findings', (_name, selection, stockFinding) => {
    // GIVEN the violating fixture app, run through the pinned CDK CLI
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-cli-'));
    // WHEN
    const run = spawnSync(
      path.join(repoRoot, 'node_modules/.bin/cdk'),
      [
        'synth',
        ...selection,
        '--quiet',
        '--app',
        'node -r ts-node/register test/fixtures/violating-app.ts',
        '--output',
        outdir,
      ],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
    );
    // THEN
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/Claims-\w+/);
    expect(`${run.stdout}${run.stderr}`).toMatch(stockFinding);
    // and the gate's summary: one entry per defect, with the source line, the fix and the id to acknowledge
    expect(run.stderr).toMatch(
      /^x \[TRANSIT-1\] prod\/Violating\/PlainBucket \(test\/fixtures\/violating-app\.ts:\d+\): .*\n {4}fix: s3\.Bucket: set enforceSSL: true.*\n {4}or acknowledge on prod\/Violating\/PlainBucket: acknowledgeFinding\(construct, \.\.\.\['Claims-TRANSIT1-BucketPolicyDeniesWeakTls\[NoDenyWithoutTls\]'/m,
    );
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'claims-findings.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0].results.map((r) => r.ruleId)).toContain(
      'Claims-REST1-EveryDataStoreEncryptedAtRest[NotEncryptedAtRest]',
    );
  });
});
