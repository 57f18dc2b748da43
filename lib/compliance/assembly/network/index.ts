import { AssemblyCheck } from '../assembly-check';

/** App-wide checks owned by the network area; one check per file beside this index. */
export const NETWORK_ASSEMBLY_CHECKS: readonly AssemblyCheck[] = [];
