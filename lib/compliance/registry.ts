import type { Check } from './checks/check';
import { PROPERTY_CHECKS } from './checks';
import { FLOW_CHECKS } from './flows';
import { PATH_CHECKS } from './paths';
import { redundancyAnalysis } from './redundancy/ha1-redundancy-analysis';

/**
 * Every claims check, in one place: the property checks, the HA-1 redundancy analysis, the IAM flow proofs and the
 * path proofs. The synth gate and the evidence run exactly these. It stands above the floors it gathers, so none of
 * them imports it.
 */
export const CHECKS: readonly Check[] = [...PROPERTY_CHECKS, redundancyAnalysis, ...FLOW_CHECKS, ...PATH_CHECKS];
