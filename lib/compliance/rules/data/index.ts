import { ClaimRule } from '../claim-rule';

/** Claims-pack rules for data, backup and dumps (DATA-1..4, REST-1..3); one rule per file beside this index. */
export const DATA_RULES: readonly ClaimRule[] = [];
