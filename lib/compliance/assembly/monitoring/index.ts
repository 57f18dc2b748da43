import { AssemblyCheck } from '../assembly-check';

/** App-wide checks owned by the monitoring area; one check per file beside this index. */
export const MONITORING_ASSEMBLY_CHECKS: readonly AssemblyCheck[] = [];
