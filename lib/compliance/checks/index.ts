import { FLOW_CHECKS } from '../flows';
import { redundancyAnalysis } from '../redundancy/ha1-redundancy-analysis';
import { Check } from './check';
import { DATA_CHECKS } from './data';
import { MONITORING_CHECKS } from './monitoring';
import { NETWORK_CHECKS } from './network';

export * from './check';
export * from './run-checks';
export { DATA_CHECKS, MONITORING_CHECKS, NETWORK_CHECKS };

/** Every claims check: the synth gate and the evidence run exactly these. */
export const CHECKS: readonly Check[] = [
  ...NETWORK_CHECKS,
  ...DATA_CHECKS,
  ...MONITORING_CHECKS,
  redundancyAnalysis,
  ...FLOW_CHECKS,
];
