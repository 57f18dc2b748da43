import type { ClaimId } from '../../core/claims/claim';
import { OPT_OUTS, OptOutKey } from '../../core/opt-outs';

/**
 * Which claim each explicit opt-out weakens, and how; the evidence prints it beside the claim under the setting's
 * config path. Derived from the opt-out table of lib/core, so the two cannot drift.
 */
export const OPT_OUT_CLAIMS: Record<OptOutKey, { claim: ClaimId; effect: string; configPath: string }> =
  Object.fromEntries(
    Object.values(OPT_OUTS).map((o) => [o.key, { claim: o.claim, effect: o.effect, configPath: o.configPath }]),
  ) as Record<OptOutKey, { claim: ClaimId; effect: string; configPath: string }>;
