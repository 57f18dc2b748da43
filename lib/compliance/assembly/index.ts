import { AssemblyCheck } from './assembly-check';
import { DATA_ASSEMBLY_CHECKS } from './data';
import { MONITORING_ASSEMBLY_CHECKS } from './monitoring';
import { NETWORK_ASSEMBLY_CHECKS } from './network';
import { redundancyAnalysis } from '../redundancy/ha1-redundancy-analysis';
import { FLOW_CHECKS } from '../flows';

export * from './assembly-check';
export * from './platform-assembly';

/** Every app-wide claims check. */
export const ASSEMBLY_CHECKS: readonly AssemblyCheck[] = [
  ...NETWORK_ASSEMBLY_CHECKS,
  ...DATA_ASSEMBLY_CHECKS,
  ...MONITORING_ASSEMBLY_CHECKS,
  redundancyAnalysis,
  ...FLOW_CHECKS,
];
