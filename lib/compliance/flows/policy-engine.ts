import { execFileSync } from 'child_process';
import { ENGINE_PROGRAM } from './engine-program';

/** The engine's package: AGPL-3.0, so an optional peer dependency of this library and a devDependency of its CI. */
export const POLICY_ENGINE_PACKAGE = '@cloud-copilot/iam-simulate';

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

/** Evaluates every simulation in one child process (the engine is asynchronous; checks are not). */
export function runPolicyEngine(enginePath: string, simulations: readonly EngineSimulation[]): EngineVerdict[] {
  if (simulations.length === 0) return [];
  const output = execFileSync(process.execPath, ['-e', ENGINE_PROGRAM], {
    input: JSON.stringify({ simulations }),
    env: { ...process.env, FLOW_ENGINE_PATH: enginePath, NODE_OPTIONS: '' },
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  const verdicts = JSON.parse(output) as EngineVerdict[];
  if (verdicts.length !== simulations.length) {
    throw new Error(`the policy engine answered ${verdicts.length} of ${simulations.length} requests`);
  }
  return verdicts;
}
