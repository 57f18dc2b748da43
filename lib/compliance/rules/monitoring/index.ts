import { ClaimRule } from '../claim-rule';

/** Claims-pack rules for monitoring, billing and response (MONITOR-1..3, BILLING-1); one rule per file beside this index. */
export const MONITORING_RULES: readonly ClaimRule[] = [];
