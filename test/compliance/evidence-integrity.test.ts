import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { modelResourceCheck } from '../../lib/compliance/checks/check';
import type { BucketProps } from '../../lib/compliance/template/cfn/s3';
import { writeEvidence } from '../../lib/compliance/evidence/write-evidence';
import { ClaimsPlugin } from '../../lib/compliance/gate/claims-plugin';
import { ALL_STOCK_PACKS } from '../../lib/compliance/gate/stock-packs';
import { claimById } from '../../lib/core/claims/register';
import { PLATFORM_METADATA_KEY } from '../../lib/core/platform-metadata';
import { markSynthJudged, readSynthRun } from '../../lib/core/synth-run';
import { loadPlatformConfigFile } from '../../lib/config/load-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { REFERENCE_ASSEMBLY_ROOT } from '../support/reference-constants';

// The evidence fails closed: what it cannot tie to a judgement of the synth gate, it refuses to certify.
const versioned = modelResourceCheck<BucketProps>({
  id: 'DATA4-FixtureVersioned',
  claims: ['DATA-4'],
  failure: 'The bucket is not versioned.',
  description: 'Fixture: versioning keeps overwritten uploads.',
  types: ['AWS::S3::Bucket'],
  judge: (b) => b.props.VersioningConfiguration?.Status === 'Enabled',
});
const options = { checks: [versioned], claims: [claimById('DATA-4')] };

interface Fixture {
  /** The stock packs the gate records as registered. @default ALL_STOCK_PACKS */
  readonly stockPacks?: readonly string[];
  readonly strayStack?: boolean;
  readonly secondStageWithSameEnvironment?: boolean;
}

function synth(fixture: Fixture = {}): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrity-'));
  const app = new App({ outdir });
  const stages = fixture.secondStageWithSameEnvironment ? ['one', 'two'] : ['one'];
  for (const name of stages) {
    const stage = new Stage(app, name, { env: { account: '123456789012', region: 'eu-west-1' } });
    const stack = new Stack(stage, 'Data');
    stack.templateOptions.metadata = {
      [PLATFORM_METADATA_KEY]: {
        environment: 'fixture',
        primaryRegion: 'eu-west-1',
        recoveryRegion: 'eu-central-1',
        optOuts: {},
      },
    };
    new s3.Bucket(stack, 'Uploads', { versioned: true });
    Validations.of(stage).addPlugins(new ClaimsPlugin(options.checks, fixture.stockPacks ?? ALL_STOCK_PACKS));
  }
  if (fixture.strayStack) new s3.Bucket(new Stack(app, 'Beside', { env: { region: 'eu-west-1' } }), 'Unjudged');
  app.synth();
  return outdir;
}

const problemsOf = (outdir: string, strict = false) => writeEvidence({ outdir, ...options, strict }).problems;

describe('the evidence refuses what the gate did not judge', () => {
  test('certifies an assembly the gate judged as it stands', () => {
    expect(problemsOf(synth(), true)).toEqual([]);
  });

  test('fails when the validation report is missing', () => {
    const outdir = synth();
    fs.rmSync(path.join(outdir, 'validation-report.json'), { force: true });
    expect(problemsOf(outdir)).toEqual([
      expect.stringMatching(/^no validation-report\.json in .*: the packs' verdicts are missing/),
    ]);
  });

  test('fails when a template changed after the gate judged it (a stale or edited assembly)', () => {
    const outdir = synth();
    const dir = path.join(outdir, 'assembly-one');
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.template.json'))!;
    const template = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      Resources: Record<string, unknown>;
    };
    template.Resources.Added = { Type: 'AWS::S3::Bucket' };
    fs.writeFileSync(path.join(dir, file), JSON.stringify(template));
    expect(problemsOf(outdir)).toEqual(
      expect.arrayContaining([
        `environment fixture: ${file} changed after the synth gate judged it (stale or edited assembly)`,
      ]),
    );
  });

  test('fails when the gate never judged the environment', () => {
    const outdir = synth();
    fs.rmSync(path.join(outdir, 'assembly-one', 'claims-gate.json'));
    expect(problemsOf(outdir)).toEqual([
      expect.stringMatching(
        /^environment fixture: .*claims-gate\.json is missing; the synth gate never judged these templates$/,
      ),
    ]);
  });

  test('fails --strict when the gate ran with stock packs switched off', () => {
    const outdir = synth({ stockPacks: [] });
    expect(problemsOf(outdir)).toEqual([]);
    expect(problemsOf(outdir, true)).toEqual([
      'environment fixture: judged with stock packs off: AwsSolutions, NIST.800.53.R5, HIPAA.Security, PCI.DSS.321 (strict)',
    ]);
  });

  test('names a stack outside every stage, with the claims it escapes, and fails --strict on it', () => {
    const outdir = synth({ strayStack: true });
    const run = writeEvidence({ outdir, ...options, strict: true });
    expect(run.report.strayStacks).toEqual([
      expect.objectContaining({ stackName: 'Beside', escapes: expect.arrayContaining(['DATA-1', 'REST-1']) }),
    ]);
    expect(run.report.environments.map((e) => e.environment)).toEqual(['fixture']);
    expect(run.problems).toEqual(['stack Beside (Beside) is outside every PlatformStage: no claim covers it (strict)']);
  });

  test('fails when two stages declare one environment name', () => {
    expect(problemsOf(synth({ secondStageWithSameEnvironment: true }))).toEqual([
      'environment fixture is declared by more than one stage: one, two',
    ]);
  });

  test('carries its identity: when, which commit, which versions, and a digest of every template', () => {
    const run = writeEvidence({ outdir: synth(), ...options, now: new Date('2026-12-01T00:00:00Z') });
    expect(run.report.identity).toMatchObject({
      generatedAt: '2026-12-01T00:00:00.000Z',
      versions: expect.objectContaining({
        'aws-cdk-lib': expect.any(String),
        '@pocketcity/secure-platform': expect.any(String),
      }),
    });
    expect(run.report.identity.commit).toMatch(/^[0-9a-f]{40}(\+dirty)?$/);
    expect(run.report.environments[0].stacks[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the evidence refuses templates a failed synth left behind', () => {
  const unfinished = /the last synth into .* failed before the synth gate judged it/;

  test('a synth that reached the gate is marked judged (the reference platform)', () => {
    expect(readSynthRun(REFERENCE_ASSEMBLY_ROOT)?.state).toBe('judged');
  });

  test('an app that fails on its config file after a good synth: the evidence refuses the old templates', async () => {
    // GIVEN an assembly the gate judged
    const outdir = synth();
    markSynthJudged(outdir);
    expect(problemsOf(outdir)).toEqual([]);
    // WHEN the next run of the app (CDK's CLI sets CDK_OUTDIR) fails on its config file
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'broken-config-')), 'platform.json');
    fs.writeFileSync(broken, '{ "account": ');
    const saved = process.env.CDK_OUTDIR;
    process.env.CDK_OUTDIR = outdir;
    try {
      await expect(loadPlatformConfigFile(broken, referencePlatformConfig())).rejects.toThrow(/not valid JSON/);
    } finally {
      if (saved === undefined) delete process.env.CDK_OUTDIR;
      else process.env.CDK_OUTDIR = saved;
    }
    // THEN the evidence names the failed run instead of certifying the earlier templates
    expect(problemsOf(outdir).join('\n')).toMatch(unfinished);
  });

  test('a PlatformStage whose config is refused marks its run unfinished', () => {
    const outdir = synth();
    markSynthJudged(outdir);
    const app = new App({ outdir });
    expect(
      () => new PlatformStage(app, 'prod', { config: referencePlatformConfig({ account: 'not-an-account' }) }),
    ).toThrow(/account/);
    expect(readSynthRun(outdir)?.state).toBe('started');
    expect(problemsOf(outdir).join('\n')).toMatch(unfinished);
  });
});
