import type { ClaimId, ClaimKind } from '../claims/claim';
import type { LiveFactKind } from './live-facts';

/**
 * The shape of `verify-report.json`, the report of `secure-platform verify` (lib/cli/verify/). It lives in core, as
 * types only, because the command writes it and the trust page (compliance) reads it, and compliance never imports
 * the CLI.
 */

/** `verified`: read and fresh and good; `failing`: read and bad or stale; `UNKNOWN`: could not be read. */
export type FactStatus = 'verified' | 'failing' | 'UNKNOWN';

/** A kind of fact of core's table, or the credentials every read depends on. */
export type FactKind = LiveFactKind | 'credentials';

/** One thing read in the account, with when it was read and how old the account says it is. */
export interface LiveFact {
  /** Unique in a report: kind, region and subject. */
  readonly id: string;
  readonly kind: FactKind;
  readonly region: string;
  /** What it is about: a rule name, a resource ARN, a bucket, a stack. */
  readonly subject: string;
  readonly status: FactStatus;
  /** Why that status, in words. */
  readonly detail: string;
  /** When verify read it (ISO 8601). */
  readonly observedAt: string;
  /** The time the account gives for it (a job's completion, an object's LastModified), when it gives one. */
  readonly asOf?: string;
  /** Hours between asOf and observedAt. */
  readonly ageHours?: number;
  /** The window it is judged against (core's LIVE_FACTS), when it has one. */
  readonly maxAgeHours?: number;
  /** What it is made of, one line each (a rule's evaluation per resource, the failed jobs). */
  readonly items?: readonly string[];
}

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
