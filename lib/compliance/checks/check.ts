import type { ClaimId } from '../../core/claims/claim';
import type { PlatformAssembly, ResourceRef } from '../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel, stageModels } from '../template/stage-model';

/** One result of a check: passing results are recorded too, because the evidence needs them. */
export interface CheckResult {
  /**
   * `weakened`: not true at full strength, but only because of an explicit opt-out of the config; it does not fail
   * synth, and the evidence reports the claim as weakened rather than proven.
   */
  readonly status: 'pass' | 'fail' | 'weakened';
  /** The resource judged, when the result is about one resource. */
  readonly resource?: ResourceRef;
  /** What was found, in words an auditor can check against the template. */
  readonly detail: string;
  /**
   * For a failure: the name of what is missing (`FewerThanThreeTasks`). The gate reports it as
   * `Claims-<check id>[<finding>]`, the id an acknowledgment names.
   */
  readonly finding?: string;
  /** Template values that make the claim true, quoted in the evidence. */
  readonly properties?: Record<string, unknown>;
}

/**
 * The one check API: a pure function of a typed model of one stage's synthesized templates (both regions,
 * references between stacks resolved). The synth gate and the evidence run the same checks.
 */
export interface Check {
  /** `<CLAIM WITHOUT DASH>-<PascalCaseName>`, unique; reported as `Claims-<id>`. */
  readonly id: string;
  readonly claims: readonly ClaimId[];
  /** What the check proves when it passes. */
  readonly description: string;
  /**
   * Results for the model. A check that finds nothing to judge must return a failing result saying so
   * (a claim is never proven by absence); `runChecks` adds one when a check returns nothing.
   */
  readonly run: (model: PlatformAssembly) => CheckResult[];
  /**
   * The evidence lists this check's passing results too, one line each (the flow proofs: each request, its verdict
   * and the statements that decided it).
   * @default false
   */
  readonly listPassingResults?: boolean;
}

export const pass = (detail: string, resource?: ResourceRef, properties?: Record<string, unknown>): CheckResult => ({
  status: 'pass',
  detail,
  resource,
  properties,
});
export const fail = (detail: string, resource?: ResourceRef, finding?: string): CheckResult => ({
  status: 'fail',
  detail,
  resource,
  finding,
});
export const weakened = (detail: string, resource?: ResourceRef): CheckResult => ({
  status: 'weakened',
  detail,
  resource,
});

/**
 * What a per-resource judgement returns: `true` (compliant), `false` (non-compliant, nothing more to name), or the
 * findings (names of what is missing; none is compliant), or NOT_APPLICABLE.
 */
export type Judgement = boolean | readonly string[] | typeof NOT_APPLICABLE;

/** A judgement that leaves the resource out: the check does not apply to it after all. */
export const NOT_APPLICABLE = 'not applicable';

/** The values at `paths` (dot-separated) of a resource's properties, for the evidence to quote. */
function pick(properties: unknown, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    let value: unknown = properties;
    for (const key of p.split('.'))
      value = value && typeof value === 'object' ? Object.entries(value).find(([k]) => k === key)?.[1] : undefined;
    if (value !== undefined) out[p] = value;
  }
  return out;
}

export interface ModelCheckDefinition<P = Record<string, unknown>> {
  readonly id: string;
  readonly claims: readonly ClaimId[];
  /** What the check proves of each resource it applies to, in terms of the claim. */
  readonly description: string;
  /** What was found when a resource fails, in words an auditor can check against the template. */
  readonly failure: string;
  /** The CloudFormation types the check judges; only resources of these types reach `appliesTo` and `judge`. */
  readonly types: readonly string[];
  /** Whether the check judges this resource. @default - every resource of `types` */
  readonly appliesTo?: (resource: ModelResource<P>, model: StageModel) => boolean;
  /** Template property paths (dot-separated) quoted in the evidence as the values that make the claim true. */
  readonly evidenceProperties?: readonly string[];
  /** The judgement of one resource, read through the model (the whole assembly's: every stack, stage or not). */
  readonly judge: (resource: ModelResource<P>, model: StageModel) => Judgement;
}

/**
 * A check that judges resources one by one through the typed model of the whole assembly: one result per resource
 * it applies to, one failure per finding.
 */
export function modelResourceCheck<P = Record<string, unknown>>(
  definition: ModelCheckDefinition<P>,
): Check & ModelCheckDefinition<P> {
  return {
    // The definition stays readable on the check (`judge`, `failure`, `types`): tests tell per-resource checks by it.
    ...definition,
    run: (assembly) => {
      const model = assemblyModel(assembly);
      // Results in template order (stack by stack), as the findings were listed before the model, not type by type.
      const order = new Map<object, number>(model.resources.map((r, i) => [r, i]));
      return definition.types
        .flatMap((type) => model.ofType<P>(type))
        .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        .filter((r) => definition.appliesTo?.(r, model) ?? true)
        .flatMap((r): CheckResult[] => {
          const judgement = definition.judge(r, model);
          if (judgement === NOT_APPLICABLE) return [];
          const findings = judgement === true ? [] : judgement === false ? [undefined] : judgement;
          return findings.length === 0
            ? [pass('compliant', r.ref, pick(r.props, definition.evidenceProperties ?? []))]
            : findings.map((finding) =>
                fail(finding ? `${definition.failure} (${finding})` : definition.failure, r.ref, finding),
              );
        });
    },
  };
}

/**
 * The results of a check judged once per platform environment, on its typed model, or one failure when the assembly
 * holds none (a claim is never proven by absence).
 */
export function perStage(
  assembly: PlatformAssembly,
  judge: (model: StageModel) => CheckResult | readonly CheckResult[],
): CheckResult[] {
  const models = stageModels(assembly);
  if (models.length === 0) return [fail('no platform stack (PocketCity::Platform metadata) in the assembly')];
  return models.flatMap((model) => judge(model));
}
