import type { ClaimId } from '../../core/claims/claim';
import type { PlatformAssembly, ResourceRef } from './platform-assembly';

/** One result of an app-wide check: passing results are recorded too, because the evidence needs them. */
export interface AssemblyCheckResult {
  /**
   * `weakened`: not true at full strength, but only because of an explicit opt-out of the config; it does not fail
   * synth, and the evidence reports the claim as weakened rather than proven.
   */
  readonly status: 'pass' | 'fail' | 'weakened';
  /** The resource judged, when the result is about one resource. */
  readonly resource?: ResourceRef;
  /** What was found, in words an auditor can check against the template. */
  readonly detail: string;
}

/**
 * A check over the whole cloud assembly (every stack of every region), for what a per-resource rule cannot see:
 * a backup copy landing in another region, a resource being in some backup selection.
 */
export interface AssemblyCheck {
  /** `<CLAIM WITHOUT DASH>-<PascalCaseName>`, unique; reported as `ClaimsAssembly-<id>`. */
  readonly id: string;
  readonly claims: readonly ClaimId[];
  /** What the check proves when it passes. */
  readonly description: string;
  /**
   * Results for the assembly. A check that finds nothing to judge must return a failing result saying so
   * (a claim is never proven by absence).
   */
  readonly run: (assembly: PlatformAssembly) => AssemblyCheckResult[];
  /**
   * The evidence lists this check's passing results too, one line each (the flow proofs: each request, its verdict
   * and the statements that decided it). @default false
   */
  readonly listPassingResults?: boolean;
}

export const pass = (detail: string, resource?: ResourceRef): AssemblyCheckResult => ({
  status: 'pass',
  detail,
  resource,
});
export const fail = (detail: string, resource?: ResourceRef): AssemblyCheckResult => ({
  status: 'fail',
  detail,
  resource,
});
export const weakened = (detail: string, resource?: ResourceRef): AssemblyCheckResult => ({
  status: 'weakened',
  detail,
  resource,
});
