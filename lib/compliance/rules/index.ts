import { ClaimRule } from './claim-rule';
import { DATA_RULES } from './data';
import { MONITORING_RULES } from './monitoring';
import { NETWORK_RULES } from './network';

export * from './claim-rule';

/** Every rule of the claims pack, grouped by the area folder that owns it. */
export const CLAIM_RULES: readonly ClaimRule[] = [...NETWORK_RULES, ...DATA_RULES, ...MONITORING_RULES];
