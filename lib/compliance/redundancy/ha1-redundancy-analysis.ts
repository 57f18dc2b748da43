import { AssemblyCheck, fail, pass, weakened } from '../assembly/assembly-check';
import type { PlatformAssembly } from '../assembly/platform-assembly';
import { platformMetadataOf } from '../assembly/platform-metadata';
import { analyseRedundancy, Tier } from './analyse-redundancy';

/** The opt-out that may explain a tier's reduced redundancy; without it, reduced redundancy is a failure. */
const TIER_OPT_OUTS: Partial<Record<Tier, string>> = {
  egress: 'natGateways',
  service: 'allowFewerThanThreeTasks',
};

/** HA-1 as a whole: every tier keeps serving after the loss of any one zone, or of any two of its instances. */
export const redundancyAnalysis: AssemblyCheck = {
  id: 'HA1-RedundancyAnalysis',
  claims: ['HA-1'],
  description:
    'every tier (edge, service, egress, database, storage, backups) survives losing one zone or any two instances',
  run: (assembly) => {
    const optOuts = platformOptOuts(assembly);
    return analyseRedundancy(assembly).map((t) => {
      const verdict = `${t.tier}: ${t.reasoning}; zone loss ${t.survivesZoneLoss ? 'survived' : 'NOT survived'}, two instances lost ${t.survivesTwoInstanceLoss ? 'survived' : 'NOT survived'}`;
      if (t.survivesZoneLoss && t.survivesTwoInstanceLoss) return pass(verdict);
      const optOut = TIER_OPT_OUTS[t.tier];
      const chosen = optOut ? optOuts[optOut] : undefined;
      return chosen !== undefined && chosen !== false
        ? weakened(`${verdict} (optOuts.${optOut} = ${JSON.stringify(chosen)})`)
        : fail(verdict);
    });
  },
};

/** The opt-outs the stage recorded in every template's metadata. */
function platformOptOuts(assembly: PlatformAssembly): Record<string, unknown> {
  return assembly.stacks.map((s) => platformMetadataOf(s.template)?.optOuts).find((o) => o !== undefined) ?? {};
}
