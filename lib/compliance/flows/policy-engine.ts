import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { ENGINE_PROGRAM } from './engine-program';
import { VerdictCache, verdictCacheFor } from './verdict-cache';

export {
  POLICY_ENGINE_INSTALL,
  POLICY_ENGINE_MISSING,
  POLICY_ENGINE_PACKAGE,
  POLICY_ENGINE_VERSION_RANGE,
} from '../../core/findings/policy-engine';
import { POLICY_ENGINE_PACKAGE } from '../../core/findings/policy-engine';

/** One request as the engine takes it (its `Simulation`). */
export interface EngineSimulation {
  /** Context keys the flow sets itself: if the validated engine drops one, its core evaluates the request. */
  readonly explicitKeys?: readonly string[];
  readonly simulation: {
    readonly request: {
      readonly principal: string | { readonly type: 'Anonymous' };
      readonly action: string;
      readonly resource: { readonly resource: string; readonly accountId: string };
      readonly contextVariables: Readonly<Record<string, string | string[]>>;
    };
    readonly identityPolicies: readonly { readonly name: string; readonly policy: unknown }[];
    readonly serviceControlPolicies: readonly never[];
    readonly resourceControlPolicies: readonly never[];
    readonly resourcePolicy?: unknown;
  };
}

/** The engine's verdict on one request, and the statements that decided it (policy name, statement index). */
export interface EngineVerdict {
  readonly overall?: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  readonly error?: string;
  readonly decisive?: readonly { readonly kind: 'allow' | 'deny'; readonly policy: string; readonly index: number }[];
  /** Context keys the validated engine dropped, for which the engine's core decided. */
  readonly core?: readonly string[];
}

/** Where the engine is installed, or undefined when it is not (the flow checks then fail, naming it). */
export function policyEnginePath(): string | undefined {
  try {
    return require.resolve(POLICY_ENGINE_PACKAGE);
  } catch {
    return undefined;
  }
}

/** How long a batch may take before the engine is given up on (the flows then fail, naming the timeout). */
const ENGINE_TIMEOUT_MS = 300_000;

interface RunningEngine {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly answered: Int32Array;
}
const engines = new Map<string, RunningEngine>();

function engineAt(enginePath: string): RunningEngine {
  const running = engines.get(enginePath);
  if (running) return running;
  const { port1, port2 } = new MessageChannel();
  const answered = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(ENGINE_PROGRAM, {
    eval: true,
    execArgv: [],
    workerData: { enginePath, port: port2, answered },
    transferList: [port2],
  });
  // Never keeps the process alive: it only answers while the caller waits for it.
  worker.unref();
  port1.unref();
  const engine = { worker, port: port1, answered };
  engines.set(enginePath, engine);
  return engine;
}

/**
 * Every simulation's verdict: remembered ones from the verdict cache (see verdict-cache.ts), the rest evaluated in the
 * engine's worker thread, waiting for the answer (the engine is asynchronous; checks are not). The worker is started
 * on first use and kept for the process; when every verdict is remembered it is not started at all.
 */
export function runPolicyEngine(enginePath: string, simulations: readonly EngineSimulation[]): EngineVerdict[] {
  if (simulations.length === 0) return [];
  const cache = verdictCacheFor(enginePath);
  if (!cache) return evaluateInEngine(enginePath, simulations);
  const keys = simulations.map((s) => VerdictCache.keyOf(s));
  const verdicts = cache.lookup(keys);
  // Each missing request once: mutated copies of a platform repeat most of theirs word for word.
  const missing = new Map<string, EngineSimulation>();
  keys.forEach((key, i) => {
    if (!verdicts[i] && !missing.has(key)) missing.set(key, simulations[i]);
  });
  if (missing.size > 0) {
    const fresh = evaluateInEngine(enginePath, [...missing.values()]);
    const missingKeys = [...missing.keys()];
    cache.remember(missingKeys, fresh);
    const answerOf = new Map(missingKeys.map((key, i) => [key, fresh[i]]));
    keys.forEach((key, i) => (verdicts[i] ??= answerOf.get(key)));
  }
  return verdicts as EngineVerdict[];
}

/** What the worker receives: each distinct policy document once, and requests that name them by index. */
interface EngineBatch {
  readonly policies: unknown[];
  readonly simulations: {
    readonly explicitKeys?: readonly string[];
    readonly request: EngineSimulation['simulation']['request'];
    readonly identity: { readonly name: string; readonly policy: number }[];
    readonly resource?: number;
  }[];
}

/**
 * The batch of `simulations` with each distinct document (by its JSON text) sent once: the worker then copies and
 * validates it once rather than once per request.
 */
export function packBatch(simulations: readonly EngineSimulation[]): EngineBatch {
  const policies: unknown[] = [];
  const indexOfText = new Map<string, number>();
  const textOf = new Map<unknown, string>();
  const indexOf = (document: unknown): number => {
    let text = textOf.get(document);
    if (text === undefined) {
      text = JSON.stringify(document);
      textOf.set(document, text);
    }
    let index = indexOfText.get(text);
    if (index === undefined) {
      index = policies.push(document) - 1;
      indexOfText.set(text, index);
    }
    return index;
  };
  return {
    policies,
    simulations: simulations.map(({ explicitKeys, simulation }) => ({
      explicitKeys,
      request: simulation.request,
      identity: simulation.identityPolicies.map((p) => ({ name: p.name, policy: indexOf(p.policy) })),
      resource: simulation.resourcePolicy === undefined ? undefined : indexOf(simulation.resourcePolicy),
    })),
  };
}

/** Evaluates every simulation in the engine's worker thread. */
function evaluateInEngine(enginePath: string, simulations: readonly EngineSimulation[]): EngineVerdict[] {
  const engine = engineAt(enginePath);
  Atomics.store(engine.answered, 0, 0);
  engine.port.postMessage(packBatch(simulations));
  if (Atomics.wait(engine.answered, 0, 0, ENGINE_TIMEOUT_MS) === 'timed-out') {
    engines.delete(enginePath);
    void engine.worker.terminate();
    throw new Error(
      `the policy engine did not answer ${simulations.length} requests within ${ENGINE_TIMEOUT_MS / 1000} s`,
    );
  }
  const answer = receiveMessageOnPort(engine.port)?.message as
    { verdicts?: EngineVerdict[]; error?: string } | undefined;
  if (!answer?.verdicts) throw new Error(`the policy engine failed: ${answer?.error ?? 'no answer'}`);
  if (answer.verdicts.length !== simulations.length) {
    throw new Error(`the policy engine answered ${answer.verdicts.length} of ${simulations.length} requests`);
  }
  return answer.verdicts;
}
