import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import {
  App,
  CloudFormationValidatePlugin,
  CloudFormationValidatePluginProps,
  IPolicyValidationContext,
  PolicyValidationStack,
  PolicyValidationPluginReport,
  Validations,
} from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';

/**
 * Runs aws-cdk-lib's own CloudFormation validation (the plugin CDK adds to every app) in a worker thread that starts
 * its rule engine while the app is still being constructed.
 *
 * Why: the engine takes 1 to 1.5 s to start (a 9 MB WASM module and its rule set), whatever the app, and CDK starts
 * it only once synthesis reaches validation, so every synth waits for it in series. Here a worker starts it as soon
 * as the app exists; by the time CDK asks for the report, only the templates are left to check.
 *
 * What does not change: the checks. The worker runs `CloudFormationValidatePlugin` from the same aws-cdk-lib with
 * the same props on the same template files; this class is one too (`instanceof`), so CDK treats it as its own
 * trusted plugin: it replaces the default, keeps the same name, and `@aws-cdk/core:validateAgainstDefaultRules`
 * and acknowledgments apply to its findings exactly as before. If the worker cannot answer, the check runs here.
 */
export class BackgroundCloudFormationValidatePlugin extends CloudFormationValidatePlugin {
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  /**
   * What the worker did for its last report: rule engines built so far (1 while the engine it started early serves)
   * and templates whose check was done ahead, when their stage announced them. Tests read it; a report does not.
   */
  lastRun?: { readonly enginesStarted: number; readonly checkedAhead: number };

  constructor(props: CloudFormationValidatePluginProps = {}) {
    super(props);
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { awsCdkLib: require.resolve('aws-cdk-lib'), props, replies: port2 },
      transferList: [port2],
    });
    // An idle worker must not keep the app alive (an app that fails before synthesis still exits).
    this.worker.unref();
  }

  /** Hands finished templates to the worker, which checks them while the app goes on; `validate` still decides. */
  announce(stackTemplates: PolicyValidationStack[]): void {
    this.worker.postMessage({ announced: stackTemplates });
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // CDK calls validate synchronously, so wait on shared memory and take the reply from the port without the event loop.
    const done = new Int32Array(new SharedArrayBuffer(4));
    const { templatePaths, stackTemplates, accountId, region } = context;
    this.worker.postMessage({ context: { templatePaths, stackTemplates, accountId, region }, done });
    const waited = Atomics.wait(done, 0, 0, WORKER_TIMEOUT_MS);
    const reply = receiveMessageOnPort(this.replies)?.message as WorkerReply | undefined;
    if (waited === 'timed-out' || reply === undefined || 'unavailable' in reply) {
      return super.validate(context);
    }
    if ('thrown' in reply) {
      // What the plugin threw in the worker, thrown here as CDK's in-process plugin would: CDK reports a plugin failure.
      throw reply.thrown;
    }
    this.lastRun = { enginesStarted: reply.enginesStarted, checkedAhead: reply.checkedAhead };
    return reply.report;
  }
}

/**
 * Replaces the CloudFormation validation CDK adds to `app` with {@link BackgroundCloudFormationValidatePlugin}. Call
 * it first thing after `new App()`, before constructing stacks, so the engine starts while they are built.
 * Where CDK's own would not run (`CDK_VALIDATION=false`, or the app's `builtinCloudFormationValidation: false`), it
 * adds nothing. Apps of one process share one worker, as they share CDK's default plugin, so the engine starts once.
 */
export function validateCloudFormationInBackground(app: App): void {
  if (process.env.CDK_VALIDATION === 'false' || !app._builtinCloudFormationValidation) {
    return;
  }
  sharedPlugin ??= new BackgroundCloudFormationValidatePlugin();
  Validations.of(app).addPlugins(sharedPlugin);
}

let sharedPlugin: BackgroundCloudFormationValidatePlugin | undefined;

/**
 * Hands the templates of a synthesized stage to the background worker, which checks them while the app goes on (the
 * other stages, the packs); what is reported is still decided when CDK asks. Without background validation in this
 * process it does nothing. `PlatformStage` calls it as soon as its templates are written.
 */
export function announceStageTemplates(assembly: cxapi.CloudAssembly): void {
  // Described as CDK describes them when it asks (synthesis-validation.ts), so the worker recognises them then.
  sharedPlugin?.announce(
    assembly.stacksRecursively.map((s) => ({
      stackConstructPath: s.hierarchicalId,
      templatePath: s.templateFullPath,
      accountId: s.environment.account !== cxapi.UNKNOWN_ACCOUNT ? s.environment.account : undefined,
      region: s.environment.region !== cxapi.UNKNOWN_REGION ? s.environment.region : undefined,
    })),
  );
}

type WorkerReply =
  | { report: PolicyValidationPluginReport; enginesStarted: number; checkedAhead: number }
  | { thrown: unknown }
  | { unavailable: string };

// Ten minutes: a timeout only guards against a worker that died without replying; then the check runs in-process.
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;

// Plain JavaScript because a worker thread does not inherit the app's TypeScript runner. It loads the same
// aws-cdk-lib as the app and starts the engine at once, then checks templates as they are announced and answers each
// request.
//
// CDK's plugin builds its engine with the built-in rules that the checked templates' resource types select, and
// builds a new one whenever a template brings a type its engine was not built for. The engine started up front is
// built for no types, so CDK would throw it away at the first real check (an earlier version of this worker did, and
// gained nothing). `WarmPlugin` keeps it while the templates' types select no rules, which the rule index shipped
// with aws-cdk-lib says; `enginesStarted` counts the engines built, so a test sees when the warm one stops serving.
//
// With the same rules for every template, CDK's report is each template's findings in turn, a finding already seen
// (same rule, severity and description) gaining the new resources. So templates announced early are checked one by
// one as they come, and the request merges their reports in its own order: the same report, ready sooner. When any
// type selects a rule, or the rule index is not where it was, the request runs CDK's plugin on all templates at once.
const WORKER_SOURCE = `
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { parentPort, workerData } = require('worker_threads');
const { replies } = workerData;
let plugin;
let ruleTypes;
let unavailable;
let enginesStarted = 0;
let checkedAhead = 0;
const checked = new Map();

function typesThatSelectRules() {
  const index = path.join(path.dirname(workerData.awsCdkLib), 'core/lib/validation/rules/index.generated.json');
  try {
    return new Set(JSON.parse(fs.readFileSync(index, 'utf8')).rules.flatMap((r) => r.types ?? []));
  } catch {
    return undefined;
  }
}

function selectsNoRules(types) {
  return ruleTypes !== undefined && ![...types].some((t) => ruleTypes.has(t));
}

function typesIn(text) {
  const resources = JSON.parse(text).Resources ?? {};
  return new Set(Object.values(resources).map((r) => r && r.Type));
}

try {
  const { CloudFormationValidatePlugin } = require(workerData.awsCdkLib);
  ruleTypes = typesThatSelectRules();
  class WarmPlugin extends CloudFormationValidatePlugin {
    initializeEngine(types) {
      if (this.warm && selectsNoRules(types)) return this.warm;
      this.warm = undefined;
      enginesStarted++;
      return super.initializeEngine(types);
    }
  }
  plugin = new WarmPlugin(workerData.props);
  if (typeof plugin.initializeEngine === 'function') plugin.warm = plugin.initializeEngine(new Set());
} catch (e) {
  unavailable = String(e && e.stack || e);
}

// One template's report, from the cache when it was announced; undefined when its types select rules.
// A template rewritten since it was announced (a second synth into the same directory) is checked again.
function keyOf(t, text) {
  const content = crypto.createHash('sha256').update(text).digest('hex');
  return [t.templatePath, t.stackConstructPath, t.accountId, t.region, content].join('|');
}

function checkAlone(stackTemplate) {
  const text = fs.readFileSync(stackTemplate.templatePath, 'utf8');
  const key = keyOf(stackTemplate, text);
  if (!checked.has(key)) {
    if (!selectsNoRules(typesIn(text))) return { key };
    checked.set(key, plugin.validate({ templatePaths: [stackTemplate.templatePath], stackTemplates: [stackTemplate] }));
  }
  return { key, report: checked.get(key) };
}

function validate(context) {
  const keysBefore = new Set(checked.keys());
  const alone = context.stackTemplates.map(checkAlone);
  checkedAhead = alone.filter((a) => keysBefore.has(a.key)).length;
  const reports = alone.map((a) => a.report);
  if (reports.some((r) => r === undefined)) return plugin.validate(context);
  const violations = [];
  for (const v of reports.flatMap((r) => r.violations)) {
    const seen = violations.find((s) => s.ruleName === v.ruleName && s.severity === v.severity && s.description === v.description);
    if (seen) seen.violatingResources.push(...v.violatingResources);
    else violations.push({ ...v, violatingResources: [...v.violatingResources] });
  }
  return { success: violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal'), violations };
}

parentPort.on('message', ({ announced, context, done }) => {
  if (announced) {
    // Work done ahead of a request; a template that cannot be checked alone waits for it, and so does any error.
    if (!unavailable) for (const stackTemplate of announced) try { checkAlone(stackTemplate); } catch {}
    return;
  }
  let reply;
  if (unavailable) {
    reply = { unavailable };
  } else {
    try {
      reply = { report: validate(context), enginesStarted, checkedAhead };
    } catch (e) {
      reply = { thrown: e };
    }
  }
  try {
    replies.postMessage(reply);
  } catch (e) {
    // A thrown value that cannot be copied to the app's thread travels as text.
    replies.postMessage({ thrown: String(reply.thrown) });
  }
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
`;
