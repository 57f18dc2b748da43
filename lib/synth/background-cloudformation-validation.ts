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
import { WORKER_SOURCE } from './private/validation-worker-source';

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
