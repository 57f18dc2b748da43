import type { VerifyReport } from '../../../core/requirements/verify-report-model';
import type { EvidenceReport } from '../evidence-model';

/** A claim's standing in the account, in the words a customer reads: no fact's detail, subject or account. */
export type LiveStatus = 'verified' | 'failing' | 'unknown';

/** One promise as `secure-platform verify` last found it in the account. */
export interface LivePromise {
  readonly status: LiveStatus;
  /**
   * Verified: the oldest time among the claim's facts (what the account gives, else when it was read), so the page
   * never shows a promise fresher than its stalest fact. Failing or unknown: when the run found it so.
   */
  readonly at: string;
}

/** What the page shows of a verify run: its time, its environment, and each non-organisational promise. */
export interface LiveVerification {
  readonly environment: string;
  readonly verifiedAt: string;
  readonly promises: ReadonlyMap<string, LivePromise>;
}

const LIVE_STATUS = { verified: 'verified', failing: 'failing', UNKNOWN: 'unknown' } as const;

/**
 * The page's view of `verify`, a verify report of one of `evidence`'s environments. A report of another environment
 * is refused: its account is not the one the evidence describes, so showing it would vouch for the wrong platform.
 */
export function liveVerification(evidence: EvidenceReport, verify: VerifyReport): LiveVerification {
  const environments = evidence.environments.map((e) => e.environment);
  if (!environments.includes(verify.environment)) {
    throw new Error(
      `the verify report is of environment '${verify.environment}', but the evidence is of ${environments.map((e) => `'${e}'`).join(', ')}: ` +
        `run 'secure-platform verify --environment ${environments[0] ?? 'NAME'}' for the environment the evidence describes, or give its evidence`,
    );
  }
  const factTime = new Map(verify.facts.map((f) => [f.id, f.asOf ?? f.observedAt]));
  const promises = new Map<string, LivePromise>();
  for (const claim of verify.claims) {
    if (claim.status === 'organisational') continue;
    const times = claim.facts.map((id) => factTime.get(id)).filter((t): t is string => t !== undefined);
    const oldest = times.reduce<string | undefined>(
      (min, t) => (min === undefined || Date.parse(t) < Date.parse(min) ? t : min),
      undefined,
    );
    promises.set(claim.id, {
      status: LIVE_STATUS[claim.status],
      at: claim.status === 'verified' && oldest !== undefined ? oldest : verify.finishedAt,
    });
  }
  return { environment: verify.environment, verifiedAt: verify.finishedAt, promises };
}
