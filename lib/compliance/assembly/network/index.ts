import { AssemblyCheck } from '../assembly-check';
import { tiersSpanThreeZones } from './ha1-tiers-span-three-zones';
import { databaseInIsolatedSubnets } from './transit2-database-in-isolated-subnets';
import { securityGroupChain } from './transit2-security-group-chain';

export { tiersSpanThreeZones, databaseInIsolatedSubnets, securityGroupChain };

/** App-wide checks owned by the network area; one check per file beside this index. */
export const NETWORK_ASSEMBLY_CHECKS: readonly AssemblyCheck[] = [
  tiersSpanThreeZones,
  securityGroupChain,
  databaseInIsolatedSubnets,
];
