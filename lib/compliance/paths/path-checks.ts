import type { ClaimId } from '../../core/claims/claim';
import { Check, CheckResult, fail, pass } from '../checks/check';
import type { PlatformAssembly } from '../template/platform-assembly';
import { StageModel, stageModels } from '../template/stage-model';
import { describePath } from './describe-path';
import { PathKind, PathRecord, PathRequirementBase, unevaluatedPath } from './path-record';

const cache = new WeakMap<PlatformAssembly, WeakMap<object, PathRecord[]>>();

/** Every requirement of a path kind evaluated on every environment of the assembly; cached per assembly and kind. */
export function evaluatePaths<R extends PathRequirementBase>(
  assembly: PlatformAssembly,
  kind: PathKind<R>,
): PathRecord[] {
  const byKind = cache.get(assembly) ?? new WeakMap<object, PathRecord[]>();
  cache.set(assembly, byKind);
  let records = byKind.get(kind);
  if (!records) {
    records = stageModels(assembly).flatMap((model) => kind.requirements.flatMap((r) => evaluateOne(model, kind, r)));
    byKind.set(kind, records);
  }
  return records;
}

/** One requirement on one model; an evaluation that throws or yields nothing is a failing record, never a pass. */
function evaluateOne<R extends PathRequirementBase>(
  model: StageModel,
  kind: PathKind<R>,
  requirement: R,
): PathRecord[] {
  try {
    const records = kind.evaluate(model, requirement);
    return records.length > 0 ? records : [unevaluatedPath(model, requirement, kind.kind, 'nothing to evaluate')];
  } catch (e) {
    return [unevaluatedPath(model, requirement, kind.kind, (e as Error).message)];
  }
}

/** The check id of a claim's paths of one kind and expectation: `TRANSIT2-RequiredNetworkPathsOpen`. */
export function pathCheckId(
  claim: ClaimId,
  kind: { readonly title: string },
  expectation: 'required' | 'forbidden',
): string {
  return `${claim.replace('-', '')}-${expectation === 'required' ? 'Required' : 'Forbidden'}${kind.title}Paths${expectation === 'required' ? 'Open' : 'Closed'}`;
}

/**
 * The checks of a path kind: one per claim and expectation its requirements name, one result per path and
 * environment, failing when the path does not hold (naming the path and the hop that decided).
 */
export function pathChecks<R extends PathRequirementBase>(kind: PathKind<R>): Check[] {
  const groups = new Map<string, { claim: ClaimId; expectation: 'required' | 'forbidden' }>();
  for (const r of kind.requirements)
    groups.set(`${r.claim} ${r.expectation}`, { claim: r.claim, expectation: r.expectation });
  return [...groups.values()].map(({ claim, expectation }): Check => ({
    id: pathCheckId(claim, kind, expectation),
    claims: [claim],
    description:
      expectation === 'required'
        ? `every ${kind.kind} path ${claim} relies on is open, each hop evaluated as AWS evaluates it`
        : `every ${kind.kind} path ${claim} rules out is closed by at least one hop, evaluated as AWS evaluates it`,
    run: (assembly: PlatformAssembly): CheckResult[] =>
      evaluatePaths(assembly, kind)
        .filter((p) => p.claim === claim && p.expectation === expectation)
        .map((p) => (p.holds ? pass(describePath(p)) : fail(describePath(p), decidingHop(p)?.resource, p.id))),
  }));
}

/** The hop that decided a path: the first hop that blocks (a broken required path, a closed forbidden one). */
export function decidingHop(p: PathRecord): PathRecord['hops'][number] | undefined {
  return p.hops.find((h) => h.verdict === 'block');
}
