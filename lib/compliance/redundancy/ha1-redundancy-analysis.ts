import { Check, fail, pass, weakened } from '../checks/check';
import type { PlatformAssembly } from '../template/platform-assembly';
import { platformMetadataOf } from '../../core/platform-metadata';
import { takenOptOuts } from '../../core/opt-outs';
import { analyseRedundancy } from './analyse-redundancy';

/** HA-1 as a whole: every tier keeps serving after the loss of any one zone, or of any two of its instances. */
export const redundancyAnalysis: Check = {
  id: 'HA1-RedundancyAnalysis',
  claims: ['HA-1'],
  description:
    'every tier (edge, service, egress, database, storage, backups) survives losing one zone or any two instances',
  run: (assembly) => {
    const optOuts = platformOptOuts(assembly);
    return analyseRedundancy(assembly).map((t) => {
      const verdict = `${t.tier}: ${t.reasoning}; zone loss ${t.survivesZoneLoss ? 'survived' : 'NOT survived'}, two instances lost ${t.survivesTwoInstanceLoss ? 'survived' : 'NOT survived'}`;
      if (t.survivesZoneLoss && t.survivesTwoInstanceLoss) return pass(verdict);
      // Reduced redundancy is a failure unless an opt-out of the config explains this very tier.
      const taken = takenOptOuts(optOuts).find(({ optOut }) => optOut.redundancyTier === t.tier);
      return taken
        ? weakened(`${verdict} (${taken.optOut.configPath} = ${JSON.stringify(taken.value)})`)
        : fail(verdict);
    });
  },
};

/** The opt-outs the stage recorded in every template's metadata. */
function platformOptOuts(assembly: PlatformAssembly): Record<string, unknown> {
  return assembly.stacks.map((s) => platformMetadataOf(s.template)?.optOuts).find((o) => o !== undefined) ?? {};
}
