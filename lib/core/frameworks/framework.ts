import type { ClaimId } from '../claims/claim';

/** The frameworks the evidence names control ids of, each at the edition its id list is taken from. */
export type FrameworkName =
  'NIST SP 800-53 rev5' | 'SOC 2 (2017 TSC, 2022 points of focus)' | 'ISO/IEC 27001:2022 Annex A' | 'PCI DSS v4.0.1';

/** A control of the NIST catalog: OSCAL id (`sc-28.1`), label (`SC-28(1)`), title, and `withdrawn` where it was. */
export type NistControl = readonly [id: string, label: string, title: string, withdrawn?: 'withdrawn'];

/** The ids of one framework a claim or a check implements; the evidence JSON carries these per claim. */
export interface FrameworkControls {
  readonly framework: FrameworkName;
  readonly ids: readonly string[];
}

/** One claim's ids in one framework, and why: what the claim's mechanism does that the control asks. */
export interface ClaimMapping {
  readonly ids: readonly string[];
  /** One line; for an empty list, why no control of the framework is implemented by the claim. */
  readonly reason: string;
}

/** A framework's mapping: every claim of the register, each with its ids (possibly none) and the reason. */
export type FrameworkMapping = Readonly<Record<ClaimId, ClaimMapping>>;
