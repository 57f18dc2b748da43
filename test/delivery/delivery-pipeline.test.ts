import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import {
  deliveryEvidence,
  deliveryStackNames,
  renderDeliverySection,
} from '../../lib/compliance/evidence/delivery-section';
import { DELIVERY_METADATA_KEY, DeliveryMetadata } from '../../lib/core/delivery-metadata';
import { PlatformConstructError } from '../../lib/core/errors';
import { DeliveryPipeline } from '../../lib/delivery/delivery-pipeline';
import { builtPipelineGateProblems, synthGateProblems } from '../../lib/delivery/delivery-gates';
import { cdkJsonApp } from '../support/cdk-json-app';
import { TEST_NOW } from '../support/reference-constants';
import { PIPELINE_ACCOUNT, PIPELINE_CONFIG, pipelineApp, PipelineApp, STAGING_ACCOUNT } from './pipeline-fixture';

type Json = Record<string, unknown>;
interface CfnAction {
  Name: string;
  ActionTypeId: { Category: string; Provider: string };
  RunOrder?: number;
  Region?: string;
  RoleArn?: unknown;
  Configuration?: Json;
}
interface CfnStage {
  Name: string;
  Actions: CfnAction[];
}

const OUTDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-pipeline-'));
let built: PipelineApp;
let template: Template;
let stages: CfnStage[];

/** The buildspec of the CodeBuild project a pipeline action starts. */
function buildSpecOf(action: CfnAction): { phases: Record<string, { commands: string[] }>; artifacts?: Json } {
  const ref = (action.Configuration?.ProjectName as { Ref: string }).Ref;
  const project = template.toJSON().Resources[ref] as { Properties: { Source: { BuildSpec: string } } };
  return JSON.parse(project.Properties.Source.BuildSpec) as ReturnType<typeof buildSpecOf>;
}

const stageNamed = (name: string) => stages.find((s) => s.Name === name)!;
const deploys = (stage: CfnStage) => stage.Actions.filter((a) => a.ActionTypeId.Provider === 'CloudFormation');
const actionNamed = (stage: CfnStage, name: string) => stage.Actions.find((a) => a.Name === name)!;

beforeAll(async () => {
  // GIVEN the pipeline app: staging in its own account, then production (the reference account) after approval
  built = await pipelineApp(OUTDIR);
  try {
    built.app.synth();
  } catch (e) {
    // A stage's own unacknowledged finding fails the app synth after the report and templates are written; the
    // tests below judge the pipeline's stacks in that report.
    if (!fs.existsSync(path.join(OUTDIR, 'validation-report.json'))) throw e;
  }
  template = Template.fromJSON(
    JSON.parse(fs.readFileSync(path.join(OUTDIR, 'Delivery.template.json'), 'utf8')) as Json,
  );
  const pipelines = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
  if (pipelines.length !== 1) throw new Error(`expected one pipeline, found ${pipelines.length}`);
  stages = (pipelines[0] as { Properties: { Stages: CfnStage[] } }).Properties.Stages;
});

describe('DeliveryPipeline: the pipeline app with two waves in two accounts', () => {
  test('synthesizes a V2 pipeline: source, synth, self-update, assets, then the staging and production waves', () => {
    // A wave of one environment becomes one pipeline stage, named after the environment.
    expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Assets', 'staging', 'prod']);
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { PipelineType: 'V2' });
    const source = stageNamed('Source').Actions[0];
    expect(source.ActionTypeId.Provider).toBe('CodeStarSourceConnection');
    expect(source.Configuration).toMatchObject({
      ConnectionArn: PIPELINE_CONFIG.connectionArn,
      FullRepositoryId: 'acme-widgets/platform',
      BranchName: 'main',
    });
  });

  test('each wave deploys its environment in its own account, both regions', () => {
    for (const [wave, account] of [
      ['staging', STAGING_ACCOUNT],
      ['prod', PIPELINE_ACCOUNT],
    ] as const) {
      const actions = deploys(stageNamed(wave));
      expect(new Set(actions.map((a) => a.Region ?? 'eu-west-1'))).toEqual(new Set(['eu-west-1', 'eu-central-1']));
      // 7 stacks, each prepared (change set) and executed.
      expect(actions).toHaveLength(14);
      for (const a of actions)
        expect(JSON.stringify(a.RoleArn)).toContain(`:iam::${account}:role/cdk-hnb659fds-deploy-role`);
    }
  });

  test('the recovery region deploys before the data stack that replicates into it', () => {
    const order = (wave: string, stack: string) => actionNamed(stageNamed(wave), `${stack}.Deploy`).RunOrder ?? 1;
    expect(order('staging', 'Recovery')).toBeLessThan(order('staging', 'Data'));
    expect(order('staging', 'Data')).toBeLessThan(order('staging', 'Service'));
  });

  test('production waits for a manual approval before its first deploy', () => {
    const production = stageNamed('prod');
    const approval = production.Actions.find((a) => a.ActionTypeId.Category === 'Approval')!;
    expect(approval).toBeDefined();
    expect(Math.min(...deploys(production).map((a) => a.RunOrder ?? 1))).toBeGreaterThan(approval.RunOrder ?? 1);
    expect(stageNamed('staging').Actions.some((a) => a.ActionTypeId.Category === 'Approval')).toBe(false);
  });

  test('the synth step installs, runs the tests, synthesizes, then the strict evidence, before any deploy', () => {
    const build = stages.findIndex((s) => s.Name === 'Build');
    expect(build).toBeLessThan(stages.findIndex((s) => deploys(s).length > 0));
    const spec = buildSpecOf(actionNamed(stageNamed('Build'), 'Synth'));
    const commands = spec.phases.build.commands;
    const at = (re: RegExp) => commands.findIndex((c) => re.test(c));
    expect(at(/^npm ci$/)).toBeGreaterThanOrEqual(0);
    expect(at(/^npm test$/)).toBeGreaterThan(at(/^npm ci$/));
    expect(at(/cdk synth/)).toBeGreaterThan(at(/^npm test$/));
    expect(at(/evidence --strict$/)).toBeGreaterThan(at(/cdk synth/));
    // The whole assembly, the evidence folder in it, is the run's artifact.
    expect(spec.artifacts).toMatchObject({ 'base-directory': 'cdk.out' });
  });

  test('each environment runs the smoke checks, then verify, after its last deploy; the report is kept', () => {
    for (const [wave, environment, host] of [
      ['staging', 'staging', 'staging.acme-widgets.dev'],
      ['prod', 'prod', 'app.pocketcity.example'],
    ] as const) {
      const stage = stageNamed(wave);
      const lastDeploy = Math.max(...deploys(stage).map((a) => a.RunOrder ?? 1));
      const smoke = actionNamed(stage, 'Smoke');
      const verify = actionNamed(stage, 'Verify');
      expect(smoke.RunOrder).toBeGreaterThan(lastDeploy);
      expect(verify.RunOrder).toBeGreaterThan(smoke.RunOrder!);
      const smokeCommands = buildSpecOf(smoke).phases.build.commands.join('\n');
      expect(smokeCommands).toContain(`smoke --url https://${host}`);
      expect(smokeCommands).toContain(
        `aws backup describe-backup-vault --profile target --region eu-central-1 --backup-vault-name ${environment}-recovery-vault`,
      );
      const verifySpec = buildSpecOf(verify);
      expect(verifySpec.phases.build.commands.join('\n')).toContain(
        `verify --environment ${environment} --assembly synth.out --out verify-report`,
      );
      expect(verifySpec.artifacts).toMatchObject({ 'base-directory': 'verify-report' });
    }
  });

  test("the post-deploy roles may assume only the target account's read-only lookup role", () => {
    const assumes = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (
        (p as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement ?? []
      ).filter((s) => s.Sid === 'AssumeTargetLookupRole'),
    );
    expect(assumes.map((s) => s.Resource).sort()).toEqual([
      `arn:aws:iam::${PIPELINE_ACCOUNT}:role/cdk-hnb659fds-lookup-role-${PIPELINE_ACCOUNT}-eu-west-1`,
      `arn:aws:iam::${PIPELINE_ACCOUNT}:role/cdk-hnb659fds-lookup-role-${PIPELINE_ACCOUNT}-eu-west-1`,
      `arn:aws:iam::${STAGING_ACCOUNT}:role/cdk-hnb659fds-lookup-role-${STAGING_ACCOUNT}-eu-west-1`,
      `arn:aws:iam::${STAGING_ACCOUNT}:role/cdk-hnb659fds-lookup-role-${STAGING_ACCOUNT}-eu-west-1`,
    ]);
  });

  test('artifacts are encrypted with a rotating customer managed key in a versioned bucket; no role trusts an account root', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      },
    });
    const trusts = Object.values(template.findResources('AWS::IAM::Role')).map((r) =>
      JSON.stringify((r as { Properties: Json }).Properties.AssumeRolePolicyDocument),
    );
    expect(trusts.filter((t) => /:root"/.test(t))).toEqual([]);
  });

  test('the pipeline stack and its cross-region support stack pass the stock packs; each acknowledgment has a reason', () => {
    const report = JSON.parse(fs.readFileSync(path.join(OUTDIR, 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        pluginName: string;
        violations?: { ruleName: string; violatingConstructs?: { constructPath?: string }[] }[];
        suppressedViolations?: {
          ruleName: string;
          reason: string;
          violatingConstructs?: { constructPath?: string }[];
        }[];
      }[];
    };
    const ours = (p?: string) => /^(Delivery|cross-region-stack-)/.test(p ?? '');
    const judged = report.pluginReports.filter((p) =>
      ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321', 'ClaimsStacks'].includes(p.pluginName),
    );
    const unacknowledged = judged.flatMap((p) =>
      (p.violations ?? []).flatMap((v) =>
        (v.violatingConstructs ?? [])
          .filter((c) => ours(c.constructPath))
          .map((c) => `${v.ruleName} ${c.constructPath}`),
      ),
    );
    expect(unacknowledged).toEqual([]);
    const acknowledged = judged.flatMap((p) =>
      (p.suppressedViolations ?? []).filter((s) => s.violatingConstructs?.some((c) => ours(c.constructPath))),
    );
    // The packs did run on both stacks.
    const scopes = new Set(
      acknowledged.flatMap((s) => s.violatingConstructs!.map((c) => c.constructPath!.split('/')[0])),
    );
    expect([...scopes].sort()).toEqual(['Delivery', 'cross-region-stack-123456789012:eu-central-1']);
    for (const s of acknowledged) expect(s.reason).toMatch(/^.{40,}/s);
  });

  test('records what it deploys and the gates around each deploy, which the evidence reads', () => {
    const record = (template.toJSON().Metadata as Json)[DELIVERY_METADATA_KEY] as DeliveryMetadata;
    expect(record).toMatchObject({
      pipelineAccount: PIPELINE_ACCOUNT,
      supportStacks: ['Delivery-support-eu-central-1'],
      synthGates: ['install', 'tests', 'synth', 'strict-evidence'],
      problems: [],
    });
    expect(record.stages.map((s) => [s.wave, s.environment, s.account, s.approval, s.postGates])).toEqual([
      ['staging', 'staging', STAGING_ACCOUNT, false, ['smoke', 'verify']],
      ['production', 'prod', PIPELINE_ACCOUNT, true, ['smoke', 'verify']],
    ]);
    expect(record.stages[0].stacks.indexOf('staging-Recovery (eu-central-1)')).toBeLessThan(
      record.stages[0].stacks.indexOf('staging-Data (eu-west-1)'),
    );
    const assembly = PlatformAssembly.fromDirectory(OUTDIR);
    // The strict evidence does not fail on the pipeline's stacks, which stand outside every stage on purpose.
    expect([...deliveryStackNames(assembly)].sort()).toEqual(['Delivery', 'Delivery-support-eu-central-1']);
    const evidence = deliveryEvidence(assembly);
    expect(evidence.map((e) => [e.stackName, e.findings])).toEqual([['Delivery', []]]);
    const section = renderDeliverySection(evidence).join('\n');
    expect(section).toContain('## Delivery');
    expect(section).toMatch(
      /\| production \| prod \| 123456789012 \| synth step gates, manual approval \| .* \| smoke, verify \|/,
    );
  });
});

describe('a deploy without its gates is a finding', () => {
  test('the evidence names an environment recorded without its verify step', () => {
    const record = (template.toJSON().Metadata as Json)[DELIVERY_METADATA_KEY] as DeliveryMetadata;
    const tampered = { ...record, stages: [{ ...record.stages[0], postGates: ['smoke' as const] }, record.stages[1]] };
    const assembly = new PlatformAssembly([
      {
        stackName: 'Delivery',
        constructPath: 'Delivery',
        templatePath: 'x',
        template: { Metadata: { [DELIVERY_METADATA_KEY]: tampered } },
      },
    ]);
    expect(deliveryEvidence(assembly)[0].findings).toEqual([
      "environment 'staging' (wave 'staging') deploys without the verify step",
    ]);
  });

  test.each([
    [['npm ci', 'npm test', 'npx cdk synth'], 'the synth step does not run the strict evidence'],
    [['npm ci', 'npx cdk synth', 'npx secure-platform evidence --strict'], 'the synth step does not run the tests'],
    [
      ['npm ci', 'npm test', 'npx cdk synth', 'npx secure-platform evidence'],
      'the synth step does not run the strict evidence',
    ],
    [
      ['npm ci', 'npx cdk synth', 'npm test', 'npx secure-platform evidence --strict'],
      'the synth step runs the tests after the synth',
    ],
    [
      ['npm ci', 'npm test', 'npx secure-platform evidence --strict', 'npx cdk synth'],
      'the synth step runs the strict evidence before the synth it judges',
    ],
  ])('synth commands %j: %s', (commands, problem) => {
    expect(synthGateProblems(commands)).toEqual([problem]);
  });

  test('a built pipeline stage that deploys without smoke or verify, or runs them before the deploy, is named', () => {
    const deploy = { actionName: 'Data.Deploy', category: 'Deploy', provider: 'CloudFormation', runOrder: 2 };
    const smoke = { actionName: 'Smoke', category: 'Build', provider: 'CodeBuild', runOrder: 3 };
    expect(builtPipelineGateProblems([{ stageName: 'staging', actions: [deploy, smoke] }])).toEqual([
      "pipeline stage 'staging' deploys Data.Deploy without the verify step",
    ]);
    const early = { actionName: 'Verify', category: 'Build', provider: 'CodeBuild', runOrder: 1 };
    expect(builtPipelineGateProblems([{ stageName: 'staging', actions: [deploy, smoke, early] }])).toEqual([
      "pipeline stage 'staging' runs the verify step before its last deploy",
    ]);
  });

  test('fails at construction when the synth step does not run the strict evidence', () => {
    const app = cdkJsonApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-bad-')) });
    const config = resolvePlatformConfig(referencePlatformConfig({}, TEST_NOW), TEST_NOW);
    const stage = new Stage(app, 'prod', { env: { account: config.account, region: 'eu-west-1' } });
    new sns.Topic(new Stack(stage, 'S'), 'T');
    const stack = new Stack(app, 'Pipeline', { env: { account: PIPELINE_ACCOUNT, region: 'eu-west-1' } });
    let error: unknown;
    try {
      new DeliveryPipeline(stack, 'Delivery', {
        connectionArn: PIPELINE_CONFIG.connectionArn,
        repository: 'acme-widgets/platform',
        branch: 'main',
        waves: [{ name: 'production', stages: [{ stage, config }] }],
        synthCommands: ['npm ci', 'npm test', 'npx cdk synth'],
      });
    } catch (e) {
      error = e;
    }
    expect(PlatformConstructError.isPlatformConstructError(error)).toBe(true);
    expect((error as PlatformConstructError).code).toBe('DeliveryPipeline.synthCommands');
    expect((error as Error).message).toContain('the synth step does not run the strict evidence');
  });

  test('a stage added to the built pipeline without the gates, or an environment stripped of one, fails synth', () => {
    const delivery = built.stack.delivery;
    expect(delivery.gateProblems()).toEqual([]);
    // GIVEN an environment's verify step removed and a raw deploy stage added after the build
    delivery.pipeline.waves[0].stages[0].post.pop();
    const source = new codepipeline.Artifact('raw');
    delivery.codePipeline.addStage({
      stageName: 'Sneaky',
      actions: [
        new cpactions.CloudFormationCreateUpdateStackAction({
          actionName: 'Deploy',
          stackName: 'prod-Data',
          templatePath: source.atPath('prod-Data.template.json'),
          adminPermissions: false,
        }),
      ],
    });
    // THEN both are named
    expect(delivery.gateProblems()).toEqual([
      "environment 'staging' (wave 'staging') deploys without the verify step",
      "pipeline stage 'Sneaky' deploys Deploy without the smoke step",
      "pipeline stage 'Sneaky' deploys Deploy without the verify step",
    ]);
    expect(() => built.app.synth({ force: true })).toThrow(/deploys without the verify step/);
  });
});
