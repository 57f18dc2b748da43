import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import {
  App,
  CloudFormationValidatePlugin,
  CloudFormationValidatePluginProps,
  IPolicyValidationContext,
  PolicyValidationPluginReport,
  Validations,
} from 'aws-cdk-lib';

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

type WorkerReply = { report: PolicyValidationPluginReport } | { thrown: unknown } | { unavailable: string };

// Ten minutes: a timeout only guards against a worker that died without replying; then the check runs in-process.
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;

// Plain JavaScript because a worker thread does not inherit the app's TypeScript runner. It loads the same
// aws-cdk-lib as the app, starts the engine by validating no templates, then answers each request.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const { replies } = workerData;
let plugin;
let unavailable;
try {
  const { CloudFormationValidatePlugin } = require(workerData.awsCdkLib);
  plugin = new CloudFormationValidatePlugin(workerData.props);
  plugin.validate({ templatePaths: [], stackTemplates: [] });
} catch (e) {
  unavailable = String(e && e.stack || e);
}
parentPort.on('message', ({ context, done }) => {
  let reply;
  if (unavailable) {
    reply = { unavailable };
  } else {
    try {
      reply = { report: plugin.validate(context) };
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
