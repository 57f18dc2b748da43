/** Stable IDs of the security page's claims (DESIGN.md, the claims register). */
export type ClaimId =
  | 'DATA-1'
  | 'DATA-2'
  | 'DATA-3'
  | 'DATA-4'
  | 'TRANSIT-1'
  | 'TRANSIT-2'
  | 'REST-1'
  | 'REST-2'
  | 'REST-3'
  | 'HA-1'
  | 'BILLING-1'
  | 'MONITOR-1'
  | 'MONITOR-2'
  | 'MONITOR-3'
  | 'RESPONSE-1'
  | 'ORG-1'
  | 'ORG-2';

/**
 * - infrastructure: made true by resources this library declares, and proven by checks;
 * - inherited: true because a provider (AWS, Stripe) makes it true; named, not proven here;
 * - organisational: a promise about people and process; listed, never silently dropped, not provable here.
 */
export type ClaimKind = 'infrastructure' | 'inherited' | 'organisational';

export interface Claim {
  readonly id: ClaimId;
  /** A few words naming the claim. */
  readonly title: string;
  /** The sentence of the security page, quoted verbatim. */
  readonly seedSentence: string;
  readonly kind: ClaimKind;
  /** What must hold for the claim to be true (DESIGN.md "True when"). */
  readonly trueWhen: string;
  /** Set where the platform does more than the page promises; the evidence then says "exceeds claim". */
  readonly exceeds?: string;
  /** Parts of an infrastructure claim that a provider makes true. */
  readonly inheritedParts?: readonly string[];
  /** Parts of an infrastructure claim that are people and process. */
  readonly organisationalParts?: readonly string[];
  /** Documents in docs/ that carry part of the claim (runbooks, response page). */
  readonly documents?: readonly string[];
}
