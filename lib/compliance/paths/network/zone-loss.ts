import type { PathRecord } from '../path-record';
import type { NetworkHopRecord } from './walk';

/** What remains of one per-zone requirement when a zone is lost. */
export interface ZoneLossOutcome {
  readonly requirementId: string;
  readonly environment: string;
  /** Records (`…@zone`) that held and touch no resource of the lost zone. */
  readonly surviving: readonly string[];
  /** Records that held but pass through the lost zone (or start in it). */
  readonly lost: readonly string[];
  /** Whether the requirement still holds from some zone. */
  readonly survives: boolean;
}

/**
 * HA-1 from paths, not counts: for each required network requirement, the records that still hold when `zone` is
 * lost, a record surviving only if every hop's deciding resource stands in another zone (regional resources, such as
 * security groups and the internet gateway, survive). A requirement whose records all pass through the lost zone,
 * such as egress through the one NAT gateway of an opted-out platform, does not survive.
 */
export function survivingPathsAfterZoneLoss(records: readonly PathRecord[], zone: string): ZoneLossOutcome[] {
  const byRequirement = new Map<string, PathRecord[]>();
  for (const r of records) {
    if (r.kind !== 'network' || r.expectation !== 'required' || !r.holds) continue;
    const key = `${r.environment} ${r.requirementId}`;
    byRequirement.set(key, [...(byRequirement.get(key) ?? []), r]);
  }
  return [...byRequirement.values()].map((group) => {
    const lost = group.filter((r) => r.hops.some((h) => (h as NetworkHopRecord).zone === zone));
    const surviving = group.filter((r) => !lost.includes(r));
    return {
      requirementId: group[0].requirementId,
      environment: group[0].environment,
      surviving: surviving.map((r) => r.id),
      lost: lost.map((r) => r.id),
      survives: surviving.length > 0,
    };
  });
}
