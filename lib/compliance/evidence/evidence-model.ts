import type { ClaimId, ClaimKind } from '../../core/claims/claim';
import type { TierRedundancy } from '../redundancy/analyse-redundancy';

export type ClaimStatus =
  'proven' | 'exceeds claim' | 'weakened' | 'inherited' | 'organisational' | 'FAILING' | 'not implemented';

export interface CheckEvidence {
  /** `Claims-<id>` for pack rules, `ClaimsAssembly-<id>` for app-wide checks. */
  readonly id: string;
  readonly kind: 'pack rule' | 'app-wide check';
  readonly description: string;
  readonly passed: number;
  readonly failed: number;
  readonly acknowledged: number;
  /** Results that hold only at reduced strength because of an explicit opt-out. */
  readonly weakened: number;
  /** What failed, one line each (resource and detail). */
  readonly failures: readonly string[];
  /** What an opt-out weakened, one line each. */
  readonly weakenings: readonly string[];
  /** What passed, one line each, for checks that list their passing results (the flow proofs). */
  readonly passes?: readonly string[];
}

export interface ResourceEvidence {
  readonly stackName: string;
  readonly region?: string;
  readonly logicalId: string;
  readonly type: string;
  /** Template values that make the claim true, by property path. */
  readonly properties: Record<string, unknown>;
  /** The checks this resource passed. */
  readonly checks: readonly string[];
}

export interface AcknowledgmentEvidence {
  readonly pack: string;
  readonly rule: string;
  readonly claim?: ClaimId;
  readonly reason: string;
  /** Construct paths the acknowledgment covers. */
  readonly resources: readonly string[];
}

export interface ClaimEvidence {
  readonly id: ClaimId;
  readonly title: string;
  readonly seedSentence: string;
  readonly kind: ClaimKind;
  readonly trueWhen: string;
  readonly status: ClaimStatus;
  /** Why the status is what it is, in one sentence. */
  readonly statusReason: string;
  readonly exceeds?: string;
  readonly inheritedParts: readonly string[];
  readonly organisationalParts: readonly string[];
  readonly documents: readonly { path: string; present: boolean }[];
  readonly resources: readonly ResourceEvidence[];
  readonly checks: readonly CheckEvidence[];
  readonly acknowledgments: readonly AcknowledgmentEvidence[];
  /** Opt-outs of the config that weaken this claim. */
  readonly optOuts: readonly string[];
}

export interface StockPackEvidence {
  readonly pack: string;
  readonly conclusion: string;
  readonly unacknowledgedViolations: number;
  readonly acknowledgedFindings: number;
}

export interface EnvironmentEvidence {
  readonly environment: string;
  readonly primaryRegion?: string;
  readonly recoveryRegion?: string;
  readonly stacks: readonly { stackName: string; region?: string; resources: number }[];
  readonly optOuts: Record<string, unknown>;
  /** HA-1's redundancy analysis: per tier, what it spans and what it survives. */
  readonly redundancy: readonly TierRedundancy[];
  readonly claims: readonly ClaimEvidence[];
}

export interface EvidenceReport {
  readonly title: string;
  readonly toolVersions: Record<string, string>;
  readonly environments: readonly EnvironmentEvidence[];
  readonly stockPacks: readonly StockPackEvidence[];
  /** Every acknowledgment of every pack, with its reason and claim. */
  readonly acknowledgments: readonly AcknowledgmentEvidence[];
  readonly summary: {
    readonly failing: number;
    readonly notImplemented: number;
    readonly unacknowledgedStockViolations: number;
    readonly byStatus: Record<string, number>;
  };
}
