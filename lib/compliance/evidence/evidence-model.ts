import type { DeliveryEvidence } from './delivery-section';
import type { DeclaredConfigRule } from '../continuity/config-rules-by-claim';
import type { ClaimId, ClaimKind } from '../../core/claims/claim';
import type { FrameworkControls } from '../../core/frameworks/framework';
import type { FlowRecord } from '../flows/flow-records';
import type { TierRedundancy } from '../redundancy/analyse-redundancy';
import type { ReportIdentity } from './report-identity';
import type { SectionJudgement } from './documents/judge-document';

export type ClaimStatus =
  'proven' | 'exceeds claim' | 'weakened' | 'inherited' | 'organisational' | 'FAILING' | 'not implemented';

export interface CheckEvidence {
  /** `Claims-<check id>`, the rule name the synth gate reports. */
  readonly id: string;
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
  /** Its physical name (or ARN) in the configured account, where the templates declare one; a key by its alias. */
  readonly name?: string;
  /** Template values that make the claim true, by property path, resolved to names of the configured account. */
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

/** A document a claim cites (the security response page, the breach runbook), and which copy was judged. */
export interface DocumentEvidence {
  /** As the claims register cites it: `docs/security-response.md`. */
  readonly path: string;
  /** `given`: the consumer's own folder (`--docs DIR`, `documentsDir`); `package default`: the library's copy. */
  readonly source: 'given' | 'package default';
  /** The file judged: the given path, or `<package name>/<path>` inside the installed library. */
  readonly location: string;
  readonly present: boolean;
  /** The sections core requires of it (lib/core/requirements/documents.ts), each as found; absent when none are. */
  readonly sections?: readonly SectionJudgement[];
}

/** One hop of a path as the evidence records it: what AWS consults there, the verdict, and the resource that decided. */
export interface HopEvidence {
  readonly hop: string;
  readonly verdict: 'pass' | 'block';
  readonly detail: string;
  /** `<stack>/<logical id>` of the resource that decided the hop. */
  readonly resource?: string;
  /** The property AWS read there. */
  readonly property?: string;
}

/** A path a claim travels (network, event, data, HTTP, login), evaluated hop by hop. */
export interface PathEvidence {
  readonly id: string;
  readonly kind: string;
  readonly expectation: 'required' | 'forbidden';
  /** The request, packet or event. */
  readonly subject: string;
  /** Required: open through every hop. Forbidden: closed by at least one. */
  readonly holds: boolean;
  readonly problem?: string;
  readonly hops: readonly HopEvidence[];
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
  readonly documents: readonly DocumentEvidence[];
  readonly resources: readonly ResourceEvidence[];
  readonly checks: readonly CheckEvidence[];
  readonly acknowledgments: readonly AcknowledgmentEvidence[];
  /** Opt-outs of the config that weaken this claim. */
  readonly optOuts: readonly string[];
  /** The AWS Config rules that keep watching the claim in the running account after deploy. */
  readonly continuousChecks: readonly DeclaredConfigRule[];
  /** The claim's required and forbidden paths, each hop with its verdict. */
  readonly paths: readonly PathEvidence[];
  /** The claim's IAM flows as records: each request, the engine's decision and the statements that decided it. */
  readonly flows: readonly FlowRecord[];
  /** The framework control ids the claim's mechanism implements (lib/core/frameworks); readers treat it as optional. */
  readonly controls?: readonly FrameworkControls[];
}

export interface StockPackEvidence {
  readonly pack: string;
  readonly conclusion: string;
  readonly unacknowledgedViolations: number;
  readonly acknowledgedFindings: number;
}

export interface EnvironmentEvidence {
  readonly environment: string;
  readonly account?: string;
  readonly primaryRegion?: string;
  readonly recoveryRegion?: string;
  /** SHA-256 of the environment's resolved config, as its stage recorded it. */
  readonly configDigest?: string;
  /** Fingerprint of the OpenPGP key the dumps are encrypted to. */
  readonly dumpKeyFingerprint?: string;
  readonly stacks: readonly {
    stackName: string;
    region?: string;
    resources: number;
    templateFile: string;
    /** SHA-256 of the template file certified here. */
    sha256?: string;
  }[];
  readonly optOuts: Record<string, unknown>;
  /** HA-1's redundancy analysis: per tier, what it spans and what it survives. */
  readonly redundancy: readonly TierRedundancy[];
  readonly claims: readonly ClaimEvidence[];
}

export interface EvidenceReport {
  readonly title: string;
  /** When, from what commit and with which versions the report was generated. */
  readonly identity: ReportIdentity;
  readonly toolVersions: Record<string, string>;
  /** Why the assembly cannot be certified as it stands; empty when it can. */
  readonly integrity: readonly { problem: string; strictOnly: boolean }[];
  /** Stacks outside every PlatformStage, with the claims they escape. */
  readonly strayStacks: readonly { stackName: string; constructPath: string; escapes: readonly string[] }[];
  readonly environments: readonly EnvironmentEvidence[];
  /** The delivery pipelines of the assembly: what each deploys, behind which gates, and what it deploys without them. */
  readonly delivery?: readonly DeliveryEvidence[];
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
