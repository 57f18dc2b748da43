import type { ClaimEvidence, ClaimStatus, EvidenceReport } from '../evidence-model';

/** A claim's status as a customer reads it. */
export type PublicStatus =
  'proven' | 'exceeds' | 'weakened' | 'inherited' | 'organisational' | 'failing' | 'not verified';

/** Framework control ids of a claim (the framework-ids part of the evidence adds them; older reports have none). */
export interface ClaimControls {
  readonly framework: string;
  readonly ids: readonly string[];
}

/** What proves a promise, as counts only: the public page names no resource, account or ARN. */
export interface ProofCounts {
  readonly checks: number;
  readonly passedResults: number;
  readonly failedResults: number;
  readonly resources: number;
  readonly paths: number;
  readonly pathKinds: readonly string[];
  readonly flows: number;
  readonly requests: number;
  readonly continuousChecks: number;
  readonly documents: number;
  readonly acknowledged: number;
  readonly optOuts: number;
}

/** One promise (a claim of the register) on the trust page. */
export interface TrustPromise {
  readonly id: string;
  readonly title: string;
  readonly sentence: string;
  readonly status: PublicStatus;
  readonly exceeds?: string;
  readonly inheritedParts: readonly string[];
  readonly organisationalParts: readonly string[];
  readonly proof: ProofCounts;
  readonly controls: readonly ClaimControls[];
}

/** The page's content: the promises in the register's order, grouped by the sentence of the security page. */
export interface TrustPageModel {
  readonly verifiedAt: string;
  readonly environments: readonly string[];
  readonly versions: Readonly<Record<string, string>>;
  readonly groups: readonly { readonly sentence: string; readonly promises: readonly TrustPromise[] }[];
}

const PUBLIC_STATUS: Record<ClaimStatus, PublicStatus> = {
  proven: 'proven',
  'exceeds claim': 'exceeds',
  weakened: 'weakened',
  inherited: 'inherited',
  organisational: 'organisational',
  FAILING: 'failing',
  'not implemented': 'not verified',
};

/** Lower is worse: across environments a promise shows its worst status, so the public page never overstates. */
const RANK: Record<PublicStatus, number> = {
  failing: 0,
  'not verified': 1,
  weakened: 2,
  inherited: 3,
  organisational: 3,
  proven: 4,
  exceeds: 5,
};

/** The promises of `report`, each judged in every environment of it. */
export function trustPageModel(report: EvidenceReport): TrustPageModel {
  const byId = new Map<string, ClaimEvidence[]>();
  for (const env of report.environments) {
    for (const claim of env.claims) byId.set(claim.id, [...(byId.get(claim.id) ?? []), claim]);
  }
  const groups: { sentence: string; promises: TrustPromise[] }[] = [];
  for (const judged of byId.values()) {
    const promise = trustPromise(judged);
    const group = groups.find((g) => g.sentence === promise.sentence);
    if (group) group.promises.push(promise);
    else groups.push({ sentence: promise.sentence, promises: [promise] });
  }
  return {
    verifiedAt: report.identity.generatedAt,
    environments: report.environments.map((e) => e.environment),
    versions: report.identity.versions,
    groups,
  };
}

function trustPromise(judged: readonly ClaimEvidence[]): TrustPromise {
  const first = judged[0];
  const status = judged.map((c) => PUBLIC_STATUS[c.status]).reduce((worst, s) => (RANK[s] < RANK[worst] ? s : worst));
  const sum = (f: (c: ClaimEvidence) => number): number => judged.reduce((n, c) => n + f(c), 0);
  return {
    id: first.id,
    title: first.title,
    sentence: plainText(first.seedSentence),
    status,
    exceeds: first.exceeds,
    inheritedParts: first.inheritedParts,
    organisationalParts: first.organisationalParts,
    controls: first.controls ?? [],
    proof: {
      checks: new Set(judged.flatMap((c) => c.checks.map((k) => k.id))).size,
      passedResults: sum((c) => c.checks.reduce((n, k) => n + k.passed, 0)),
      failedResults: sum((c) => c.checks.reduce((n, k) => n + k.failed, 0)),
      resources: sum((c) => c.resources.length),
      paths: sum((c) => c.paths.length),
      pathKinds: [...new Set(judged.flatMap((c) => c.paths.map((p) => p.kind)))].sort(),
      flows: sum((c) => c.flows.length),
      requests: sum((c) => c.flows.reduce((n, f) => n + f.requests.length, 0)),
      continuousChecks: new Set(judged.flatMap((c) => c.continuousChecks.map((r) => r.identifier))).size,
      documents: new Set(judged.flatMap((c) => c.documents.filter((d) => d.present).map((d) => d.path))).size,
      acknowledged: sum((c) => c.checks.reduce((n, k) => n + k.acknowledged, 0)),
      optOuts: new Set(judged.flatMap((c) => c.optOuts)).size,
    },
  };
}

/** The sentence as the customer reads it: a markdown link becomes its text (its target is the company's site). */
function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}
