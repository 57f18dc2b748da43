import type { ClaimId, ClaimKind } from '../../core/claims/claim';
import { LiveFact } from './fact';

/** `organisational` claims are people and process: listed, never read in the account, never blocking. */
export type ClaimVerdict = 'verified' | 'failing' | 'UNKNOWN' | 'organisational';

export interface VerifiedClaim {
  readonly id: ClaimId;
  readonly title: string;
  readonly kind: ClaimKind;
  readonly status: ClaimVerdict;
  /** The ids of the facts it needs (in `VerifyReport.facts`). */
  readonly facts: readonly string[];
  readonly why: string;
}

export interface VerifyReport {
  readonly environment: string;
  /** The account the credentials belong to, when they could be used. */
  readonly account?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly claims: readonly VerifiedClaim[];
  /** Every fact read (or not), once, however many claims need it. */
  readonly facts: readonly LiveFact[];
  /** True only when every non-organisational claim is verified. */
  readonly verified: boolean;
}
