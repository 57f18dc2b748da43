import type { AcknowledgmentEvidence, CheckEvidence, ClaimEvidence, ResourceEvidence } from '../evidence-model';

/**
 * What the summary and a claim's section both show, computed once here so that the two always agree: the claim's
 * own checks, the checks of other claims it relies on, the resources its own checks proved, its acknowledgments
 * grouped, the Config rules that watch it, its paths and flows counted.
 */
export interface ClaimFacts {
  readonly claim: ClaimEvidence;
  /** The checks this claim owns (its id names the claim: `Claims-DATA1-...` is DATA-1's), each shown once, here. */
  readonly ownChecks: readonly CheckEvidence[];
  /** Checks owned by another claim that this claim's verdict also counts, with their owner. */
  readonly reliesOn: readonly { check: CheckEvidence; owner: string }[];
  readonly results: { readonly passed: number; readonly failed: number; readonly acknowledged: number };
  /** Resources the own checks proved, each with the numbers (1-based) of the own checks that proved it. */
  readonly resources: readonly { resource: ResourceEvidence; checks: readonly number[] }[];
  readonly acknowledgments: readonly ReasonGroup[];
  /** Distinct resources the acknowledgments cover. */
  readonly acknowledgedResources: number;
  /** Config rule identifiers, each once, with the regions it is declared in. */
  readonly watchedBy: readonly { identifier: string; regions: readonly string[] }[];
  readonly paths: { readonly total: number; readonly holding: number };
  readonly flows: { readonly total: number; readonly holding: number; readonly requests: number };
}

/** One finding acknowledged with one reason, by one or more packs, on its resources (each once). */
export interface AcknowledgmentGroup {
  /** The finding without its pack prefix (`S3BucketReplicationEnabled`), or the claims rule. */
  readonly finding: string;
  readonly packs: readonly string[];
  readonly reason: string;
  readonly resources: readonly string[];
}

/** Findings acknowledged for one reason: the reason once, the findings and the resources it covers. */
export interface ReasonGroup {
  readonly findings: readonly string[];
  readonly reason: string;
  readonly resources: readonly string[];
}

/** The check's owner, by its id: `Claims-MONITOR2-X` belongs to MONITOR-2. */
export function ownerKeyOf(checkId: string): string {
  return checkId.replace(/^Claims-/, '').split('-')[0];
}

const keyOf = (claimId: string) => claimId.replace(/-/g, '');

export function claimFacts(claim: ClaimEvidence, claimIds: readonly string[]): ClaimFacts {
  const owners = new Map(claimIds.map((id) => [keyOf(id), id]));
  // A check whose id names no claim of the report is shown under every claim that lists it.
  const isOwn = (k: CheckEvidence) => ownerKeyOf(k.id) === keyOf(claim.id) || !owners.has(ownerKeyOf(k.id));
  const ownChecks = claim.checks.filter(isOwn);
  const reliesOn = claim.checks
    .filter((k) => !isOwn(k))
    .map((check) => ({ check, owner: owners.get(ownerKeyOf(check.id))! }));
  const number = new Map(ownChecks.map((k, i) => [k.id, i + 1]));
  const resources = claim.resources
    .map((resource) => ({
      resource,
      checks: resource.checks.map((id) => number.get(id)).filter((n): n is number => n !== undefined),
    }))
    .filter((r) => r.checks.length > 0);
  const acknowledgments = groupByReason(claim.acknowledgments);
  const regions = new Map<string, Set<string>>();
  for (const r of claim.continuousChecks)
    regions.set(r.identifier, (regions.get(r.identifier) ?? new Set()).add(r.region ?? '?'));
  const flows = claim.flows ?? [];
  return {
    claim,
    ownChecks,
    reliesOn,
    results: {
      passed: sum(ownChecks, (k) => k.passed),
      failed: sum(ownChecks, (k) => k.failed),
      acknowledged: sum(ownChecks, (k) => k.acknowledged),
    },
    resources,
    acknowledgments,
    acknowledgedResources: new Set(acknowledgments.flatMap((a) => a.resources)).size,
    watchedBy: [...regions.entries()].map(([identifier, rs]) => ({ identifier, regions: [...rs].sort() })),
    paths: { total: claim.paths.length, holding: claim.paths.filter((p) => p.holds).length },
    flows: {
      total: flows.length,
      holding: flows.filter((f) => f.holds).length,
      requests: sum(flows, (f) => f.requests.length),
    },
  };
}

/**
 * Acknowledgments grouped by finding and reason: the same finding of three packs (NIST, HIPAA, PCI all flag
 * `S3BucketReplicationEnabled`) with the same reason is one entry, on the resources it covers, each counted once.
 */
export function groupAcknowledgments(acks: readonly AcknowledgmentEvidence[]): AcknowledgmentGroup[] {
  const groups = new Map<string, { finding: string; packs: Set<string>; reason: string; resources: Set<string> }>();
  for (const a of acks) {
    const finding = a.rule.startsWith(`${a.pack}-`) ? a.rule.slice(a.pack.length + 1) : a.rule;
    const key = `${finding}\u0000${a.reason}`;
    const group = groups.get(key) ?? { finding, packs: new Set(), reason: a.reason, resources: new Set() };
    group.packs.add(a.pack);
    for (const r of a.resources) group.resources.add(r);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ finding: g.finding, packs: [...g.packs], reason: g.reason, resources: [...g.resources].sort() }))
    .sort((a, b) => a.finding.localeCompare(b.finding) || a.reason.localeCompare(b.reason));
}

/**
 * Acknowledgments grouped by reason: findings of different rules accepted for the same reason (`S1` and
 * `S3BucketLoggingEnabled` on the log bucket that cannot log into itself) share one line.
 */
export function groupByReason(acks: readonly AcknowledgmentEvidence[]): ReasonGroup[] {
  const groups = new Map<string, { findings: Set<string>; resources: Set<string> }>();
  for (const g of groupAcknowledgments(acks)) {
    const group = groups.get(g.reason) ?? { findings: new Set<string>(), resources: new Set<string>() };
    group.findings.add(g.finding);
    for (const r of g.resources) group.resources.add(r);
    groups.set(g.reason, group);
  }
  return [...groups.entries()].map(([reason, g]) => ({
    findings: [...g.findings],
    reason,
    resources: [...g.resources].sort(),
  }));
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  return items.reduce((n, t) => n + f(t), 0);
}
