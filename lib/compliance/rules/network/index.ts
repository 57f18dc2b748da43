import { ClaimRule } from '../claim-rule';

/** Claims-pack rules for network, edge and service (TRANSIT-1, TRANSIT-2, HA-1, MONITOR-2 WAF, RESPONSE-1); one rule per file beside this index. */
export const NETWORK_RULES: readonly ClaimRule[] = [];
