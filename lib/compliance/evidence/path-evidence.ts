import type { ClaimId } from '../../core/claims/claim';
import { evaluatePaths, PATH_KINDS, PathRecord } from '../paths';
import type { PlatformAssembly } from '../template/platform-assembly';
import type { PathEvidence } from './evidence-model';

/** Every path of every kind evaluated on the assembly, as evidence records by claim (mutations left out). */
export function pathEvidence(assembly: PlatformAssembly): { claim: ClaimId; evidence: PathEvidence }[] {
  return PATH_KINDS.flatMap((kind) => evaluatePaths(assembly, kind)).map((p) => ({
    claim: p.claim,
    evidence: toEvidence(p),
  }));
}

function toEvidence(p: PathRecord): PathEvidence {
  return {
    id: p.id,
    kind: p.kind,
    expectation: p.expectation,
    subject: p.subject,
    holds: p.holds,
    ...(p.problem ? { problem: p.problem } : {}),
    hops: p.hops.map((h) => ({
      hop: h.hop,
      verdict: h.verdict,
      detail: h.detail,
      ...(h.resource ? { resource: `${h.resource.stackName}/${h.resource.logicalId}` } : {}),
      ...(h.property ? { property: h.property } : {}),
    })),
  };
}
