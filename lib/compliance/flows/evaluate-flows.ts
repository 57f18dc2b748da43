import { FORBIDDEN_FLOWS, FlowRequirement, REQUIRED_FLOWS } from '../../core/requirements/flows';
import type { PlatformAssembly } from '../template/platform-assembly';
import { stageModels } from '../template/stage-model';
import { AuthorizationModel, LocatedPolicy } from './authorization-model';
import { FlowRequest, flowRequests } from './flow-requests';
import {
  EngineSimulation,
  EngineVerdict,
  POLICY_ENGINE_INSTALL,
  POLICY_ENGINE_MISSING,
  POLICY_ENGINE_PACKAGE,
  policyEnginePath,
  runPolicyEngine,
} from './policy-engine';

/** A statement that decided a request, by where it sits in the templates. */
export interface DecisiveStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly policy: LocatedPolicy;
  readonly statementIndex: number;
  /** `<stack>/<logical id> Sid <sid>` (or `statement <n>`), for results and the evidence. */
  readonly label: string;
}

export interface RequestVerdict {
  readonly request: FlowRequest;
  readonly decision: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Error';
  readonly error?: string;
  readonly decisive: readonly DecisiveStatement[];
  /** Context keys the engine's validated run drops, for which its core decided (see engine-program.ts). */
  readonly coreKeys?: readonly string[];
}

export interface FlowVerdict {
  readonly flow: FlowRequirement;
  readonly kind: 'required' | 'forbidden';
  readonly environment: string;
  /** Requests of the flow, each with its verdict; empty when `problem` is set. */
  readonly requests: readonly RequestVerdict[];
  /** Why the flow could not be evaluated (no engine, nothing matched); the flow then fails. */
  readonly problem?: string;
  readonly holds: boolean;
}

/** The flows a check judges, with whether each must be allowed or denied. */
export interface FlowTable {
  readonly required: readonly FlowRequirement[];
  readonly forbidden: readonly FlowRequirement[];
}

export const PLATFORM_FLOW_TABLE: FlowTable = { required: REQUIRED_FLOWS, forbidden: FORBIDDEN_FLOWS };

const cache = new WeakMap<PlatformAssembly, WeakMap<FlowTable, FlowVerdict[]>>();

/**
 * Every flow of the table evaluated on every platform environment of the assembly, by the IAM policy engine, in one
 * engine run. Cached per assembly and table, so the checks of each claim share one evaluation.
 */
export function evaluateFlows(assembly: PlatformAssembly, table: FlowTable = PLATFORM_FLOW_TABLE): FlowVerdict[] {
  return evaluateFlowsTogether([{ assembly, table }])[0];
}

/**
 * Several assemblies (and tables) evaluated in one engine run, which costs one engine start instead of one each;
 * each answer is cached as `evaluateFlows` would cache it. For many variants of one platform (mutation tests).
 */
export function evaluateFlowsTogether(
  jobs: readonly { readonly assembly: PlatformAssembly; readonly table: FlowTable }[],
): FlowVerdict[][] {
  const cachedOf = (job: (typeof jobs)[number]) => cache.get(job.assembly)?.get(job.table);
  const todo = jobs.filter((job) => !cachedOf(job));
  const evaluated = evaluate(todo.map((job) => prepare(job.assembly, job.table)));
  todo.forEach((job, i) => {
    const byTable = cache.get(job.assembly) ?? new WeakMap<FlowTable, FlowVerdict[]>();
    cache.set(job.assembly, byTable);
    byTable.set(job.table, evaluated[i]);
  });
  return jobs.map((job) => cachedOf(job)!);
}

interface Pending {
  readonly flow: FlowRequirement;
  readonly kind: 'required' | 'forbidden';
  readonly environment: string;
  readonly requests: FlowRequest[] | string;
}

function prepare(assembly: PlatformAssembly, table: FlowTable): Pending[] {
  const pending: Pending[] = [];
  for (const stage of stageModels(assembly)) {
    const model = new AuthorizationModel(stage);
    for (const [kind, flows] of [
      ['required', table.required],
      ['forbidden', table.forbidden],
    ] as const) {
      for (const flow of flows) {
        pending.push({ flow, kind, environment: stage.name, requests: flowRequests(model, flow) });
      }
    }
  }
  return pending;
}

function evaluate(jobs: readonly Pending[][]): FlowVerdict[][] {
  const enginePath = policyEnginePath();
  if (!enginePath) {
    const problem = `${POLICY_ENGINE_MISSING}, so this flow cannot be proven (install it: ${POLICY_ENGINE_INSTALL})`;
    return unproven(jobs, problem);
  }
  const all = jobs
    .flat()
    .flatMap((p) => (typeof p.requests === 'string' ? [] : p.requests.filter((r) => !r.principal.unprovable)));
  const simulations = all.map(toSimulation);
  let answers: EngineVerdict[];
  try {
    answers = runPolicyEngine(
      enginePath,
      simulations.map((s) => s.simulation),
    );
  } catch (e) {
    const problem = `the IAM policy engine ${POLICY_ENGINE_PACKAGE} did not evaluate the requests (${(e as Error).message})`;
    return unproven(jobs, problem);
  }
  const verdictOf = new Map<FlowRequest, RequestVerdict>();
  all.forEach((request, i) => verdictOf.set(request, toVerdict(request, simulations[i], answers[i])));
  return jobs.map((pending) =>
    pending.map((p): FlowVerdict => {
      if (typeof p.requests === 'string') return failedFlow(p, p.requests);
      const requests = p.requests.map(
        (r): RequestVerdict =>
          verdictOf.get(r) ?? { request: r, decision: 'Error', error: r.principal.unprovable, decisive: [] },
      );
      const holds = requests.every((r) =>
        p.kind === 'required'
          ? r.decision === 'Allowed'
          : r.decision === 'ExplicitlyDenied' || r.decision === 'ImplicitlyDenied',
      );
      return { flow: p.flow, kind: p.kind, environment: p.environment, requests, holds };
    }),
  );
}

/** A flow that could not be evaluated: it fails, saying why. */
function failedFlow(p: Pending, problem: string): FlowVerdict {
  return { flow: p.flow, kind: p.kind, environment: p.environment, requests: [], problem, holds: false };
}

/** Every flow failed for one reason (no engine, or the engine did not answer). */
function unproven(jobs: readonly Pending[][], problem: string): FlowVerdict[][] {
  return jobs.map((pending) => pending.map((p) => failedFlow(p, problem)));
}

interface BuiltSimulation {
  readonly simulation: EngineSimulation;
  /** Merged resource policy statement -> the document and index it came from. */
  readonly resourceStatements: { policy: LocatedPolicy; index: number }[];
}

function toSimulation(request: FlowRequest): BuiltSimulation {
  const resourceStatements = request.resourcePolicies.flatMap((policy) =>
    policy.document.Statement.map((_, index) => ({ policy, index })),
  );
  const principal = request.principal;
  return {
    resourceStatements,
    simulation: {
      explicitKeys: request.explicitKeys,
      simulation: {
        request: {
          principal: principal.kind === 'anonymous' ? { type: 'Anonymous' } : principal.id!,
          action: request.action,
          resource: { resource: request.resourceArn, accountId: accountOf(request) },
          contextVariables: request.context,
        },
        identityPolicies: principal.identityPolicies.map((p, i) => ({ name: `identity-${i}`, policy: p.document })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: resourceStatements.length
          ? { Version: '2012-10-17', Statement: resourceStatements.map((s) => s.policy.document.Statement[s.index]) }
          : undefined,
      },
    },
  };
}

/** The account owning the resource: from its ARN, or the caller's for S3 (bucket ARNs carry none). */
function accountOf(request: FlowRequest): string {
  if (request.identitySideOnly) return request.context['aws:PrincipalAccount']?.toString() ?? '000000000000';
  const fromArn = request.resourceArn.split(':')[4];
  return (
    fromArn ||
    request.resourceAccount ||
    request.context['aws:PrincipalAccount']?.toString() ||
    request.context['aws:SourceAccount']?.toString() ||
    '000000000000'
  );
}

function toVerdict(request: FlowRequest, built: BuiltSimulation, answer: EngineVerdict): RequestVerdict {
  if (answer.error || !answer.overall)
    return { request, decision: 'Error', error: answer.error ?? 'no answer', decisive: [] };
  const decisive = (answer.decisive ?? []).flatMap((d): DecisiveStatement[] => {
    const located =
      d.policy === 'resource' || !d.policy.startsWith('identity-')
        ? built.resourceStatements[d.index]
        : { policy: request.principal.identityPolicies[Number(d.policy.slice('identity-'.length))], index: d.index };
    if (!located?.policy) return [];
    return [
      {
        effect: d.kind === 'allow' ? 'Allow' : 'Deny',
        policy: located.policy,
        statementIndex: located.index,
        label: statementLabel(located.policy, located.index),
      },
    ];
  });
  return { request, decision: answer.overall, decisive, coreKeys: answer.core };
}

export function statementLabel(policy: LocatedPolicy, index: number): string {
  const s = policy.source;
  const where = s.managedPolicyArn
    ? `${s.stackName}/${s.logicalId} ${s.managedPolicyArn}`
    : `${s.stackName}/${s.logicalId}`;
  const sid = policy.document.Statement[index]?.Sid;
  return `${where} ${sid ? `Sid ${sid}` : `statement ${index + 1}`}`;
}
