import { AssemblyCheck } from '../assembly-check';

/** App-wide checks owned by the data area; one check per file beside this index. */
export const DATA_ASSEMBLY_CHECKS: readonly AssemblyCheck[] = [];
