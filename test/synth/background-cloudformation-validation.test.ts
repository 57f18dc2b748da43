import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  CfnResource,
  CloudFormationValidatePlugin,
  IPolicyValidationPlugin,
  Stack,
  Stage,
  StageSynthesisOptions,
  Validations,
} from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import {
  announceStageTemplates,
  BackgroundCloudFormationValidatePlugin,
  validateCloudFormationInBackground,
} from '../../lib/synth/background-cloudformation-validation';

interface PluginReport {
  pluginName: string;
  conclusion: string;
  violations: { ruleName: string; violatingConstructs: { constructPath: string; stackTraces?: string[] }[] }[];
}

/**
 * An app whose one stack, inside a stage as on the platform, breaks two CloudFormation schema rules (F3002 and
 * F3012). `register` chooses the CloudFormation validation; none leaves CDK's default in place.
 */
function violatingApp(
  register?: (app: App) => void,
  { acknowledge = false, stages = ['Env'], announce = false }: ViolatingAppOptions = {},
): App {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bg-validate-')),
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
  });
  register?.(app);
  for (const stageId of stages) {
    const stage = announce ? new AnnouncingStage(app, stageId) : new Stage(app, stageId);
    const stack = new Stack(stage, 'Data', { env: { account: '123456789012', region: 'eu-west-1' } });
    const queue = new CfnResource(stack, 'Queue', {
      type: 'AWS::SQS::Queue',
      properties: { NotAProperty: 1, VisibilityTimeout: 'abc' },
    });
    if (acknowledge) {
      for (const rule of ['F3002', 'F3012'])
        Validations.of(queue).acknowledge({
          id: `CloudFormation-Validate::${rule}`,
          reason: 'Fixture acknowledgment.',
        });
    }
  }
  return app;
}

interface ViolatingAppOptions {
  readonly acknowledge?: boolean;
  /** One stage, each with one violating stack, per id. */
  readonly stages?: string[];
  /** Stages that announce their templates once synthesized, as PlatformStage does. */
  readonly announce?: boolean;
}

class AnnouncingStage extends Stage {
  override synth(options?: StageSynthesisOptions): cxapi.CloudAssembly {
    const assembly = super.synth(options);
    announceStageTemplates(assembly);
    return assembly;
  }
}

/** Synthesizes `app` and returns the reports of its validation plugins, stack traces left out (they name callers). */
function synthReports(app: App): { threw: boolean; reports: PluginReport[] } {
  let threw = false;
  try {
    app.synth();
  } catch {
    threw = true;
  }
  const file = path.join(app.outdir, 'validation-report.json');
  const report = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { pluginReports: PluginReport[] })
    : undefined;
  const reports = (report?.pluginReports ?? []).map((r) => ({
    ...r,
    violations: r.violations.map((v) => ({
      ...v,
      violatingConstructs: v.violatingConstructs.map(({ stackTraces: _traces, ...c }) => c),
    })),
  }));
  return { threw, reports };
}

const sharedBackgroundPlugin = (app: App) =>
  (app as unknown as { _validationPlugins: IPolicyValidationPlugin[] })._validationPlugins.find(
    (p) => p instanceof BackgroundCloudFormationValidatePlugin,
  ) as BackgroundCloudFormationValidatePlugin;

const cloudFormationReports = (reports: PluginReport[]) =>
  reports.filter((r) => r.pluginName === CloudFormationValidatePlugin.PLUGIN_NAME);

describe('CloudFormation validation in a background worker', () => {
  const saved = process.env.CDK_VALIDATION;
  // jest.config.js turns CDK's validation off for the other tests; these are about it.
  beforeEach(() => delete process.env.CDK_VALIDATION);
  afterEach(() => (process.env.CDK_VALIDATION = saved));

  test("reports exactly what CDK's own in-process validation reports, for stacks inside stages", () => {
    // The background app first, so its worker starts its engine while CDK's starts in-process.
    const backgroundApp = violatingApp(validateCloudFormationInBackground);
    const inProcess = synthReports(violatingApp());
    const background = synthReports(backgroundApp);

    expect(cloudFormationReports(inProcess.reports).flatMap((r) => r.violations.map((v) => v.ruleName))).toEqual([
      'F3002',
      'F3012',
    ]);
    expect(background.threw).toBe(true);
    expect(inProcess.threw).toBe(true);
    // One report: the worker's plugin replaces CDK's default instead of running beside it.
    expect(cloudFormationReports(background.reports)).toEqual(cloudFormationReports(inProcess.reports));
    // Two engines would mean CDK's plugin threw away the one started early and built another: nothing saved.
    expect(sharedBackgroundPlugin(backgroundApp).lastRun?.enginesStarted).toBe(1);
  });

  test("templates announced by their stages are checked ahead, and the report across stages is CDK's", () => {
    const stages = ['Blue', 'Green', 'Red'];
    const backgroundApp = violatingApp(validateCloudFormationInBackground, { stages, announce: true });
    const inProcess = synthReports(violatingApp(undefined, { stages }));
    const background = synthReports(backgroundApp);

    // The same two findings, each naming the resource of every stage: merged as CDK merges them.
    const findings = cloudFormationReports(inProcess.reports).flatMap((r) => r.violations);
    expect(findings.map((v) => [v.ruleName, v.violatingConstructs.map((c) => c.constructPath)])).toEqual(
      ['F3002', 'F3012'].map((rule) => [rule, stages.map((stage) => `${stage}/Data/Queue`)]),
    );
    expect(cloudFormationReports(background.reports)).toEqual(cloudFormationReports(inProcess.reports));
    expect(sharedBackgroundPlugin(backgroundApp).lastRun?.checkedAhead).toBe(stages.length);
  });

  test('a template rewritten in the same place is checked again, not answered from its earlier check', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bg-rewrite-'));
    const queueApp = (properties: Record<string, unknown>) => {
      const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
      validateCloudFormationInBackground(app);
      const stack = new Stack(new AnnouncingStage(app, 'Env'), 'Data', {
        env: { account: '123456789012', region: 'eu-west-1' },
      });
      new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue', properties });
      return app;
    };
    const findings = (app: App) =>
      cloudFormationReports(synthReports(app).reports).flatMap((r) => r.violations.map((v) => v.ruleName));

    expect(findings(queueApp({ NotAProperty: 1 }))).toEqual(['F3002']);
    expect(findings(queueApp({ VisibilityTimeout: 30 }))).toEqual([]);
  });

  test('its findings are acknowledged as CDK findings are', () => {
    const { threw, reports } = synthReports(violatingApp(validateCloudFormationInBackground, { acknowledge: true }));
    expect(threw).toBe(false);
    expect(cloudFormationReports(reports).flatMap((r) => r.violations)).toEqual([]);
  });

  test('CDK_VALIDATION=false turns it off, as it turns off CDK’s own', () => {
    process.env.CDK_VALIDATION = 'false';
    const app = violatingApp(validateCloudFormationInBackground);
    expect((app as unknown as { _validationPlugins: IPolicyValidationPlugin[] })._validationPlugins).toEqual([]);
    expect(synthReports(app).threw).toBe(false);
  });

  test("an app that turned CDK's validation off does not get it back", () => {
    const app = new App({ builtinCloudFormationValidation: false });
    validateCloudFormationInBackground(app);
    expect((app as unknown as { _validationPlugins: IPolicyValidationPlugin[] })._validationPlugins).toEqual([]);
  });

  test('when the worker cannot start the engine, the check runs in-process and fails the same way', () => {
    // A schema directory holding a schema without a typeName: CDK's plugin refuses it before it starts the engine
    // (so no test pays for a second engine), and this one must fail the same way, not pass silently.
    const schemas = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-schemas-'));
    fs.writeFileSync(path.join(schemas, 'broken.json'), '{}');
    const props = { _additionalSchemasDirectory: schemas };
    const register = (plugin: CloudFormationValidatePlugin) => (app: App) => Validations.of(app).addPlugins(plugin);
    const backgroundApp = violatingApp(register(new BackgroundCloudFormationValidatePlugin(props)));
    const inProcess = synthReports(violatingApp(register(new CloudFormationValidatePlugin(props))));
    const background = synthReports(backgroundApp);

    expect(cloudFormationReports(inProcess.reports).map((r) => r.conclusion)).toEqual(['failure']);
    expect(JSON.stringify(cloudFormationReports(inProcess.reports))).toMatch(/typeName.*broken\.json/);
    expect(background.threw).toBe(inProcess.threw);
    expect(cloudFormationReports(background.reports)).toEqual(cloudFormationReports(inProcess.reports));
  });
});
