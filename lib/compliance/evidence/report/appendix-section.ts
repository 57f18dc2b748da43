import type { EvidenceReport, PathEvidence } from '../evidence-model';
import type { FlowRecord } from '../../flows/flow-records';
import type { ClaimFacts } from './claim-facts';
import { groupAcknowledgments } from './claim-facts';
import { INLINE_RESOURCES } from './claim-section';
import { anchor, anchorId, count, MarkdownDocument } from './markdown';
import { renderResourceTable } from './resource-table';

/** The long lists, claim by claim: resources beyond the section's, every path hop by hop, every IAM flow. */
export function renderAppendix(
  doc: MarkdownDocument,
  report: EvidenceReport,
  facts: ReadonlyMap<string, readonly ClaimFacts[]>,
): void {
  doc.heading(2, 'Appendix');
  doc.paragraph(
    'Per claim: the resources of long lists; the required paths, each open through every hop as AWS evaluates it (`id` ×N: evaluated for N resources); the forbidden paths, each with the hop that closed it; the IAM flows, each request evaluated by the policy engine against the synthesized policies, with the effect and Sid of each deciding statement. Every hop and request is in the JSON evidence.',
  );
  for (const env of report.environments) {
    for (const f of facts.get(env.environment) ?? []) {
      const longResources = f.resources.length > INLINE_RESOURCES;
      if (!longResources && f.claim.paths.length === 0 && (f.claim.flows ?? []).length === 0) continue;
      doc.block(anchor(anchorId(env.environment, f.claim.id, 'appendix')));
      doc.heading(3, `\`${env.environment}\` ${f.claim.id}: ${f.claim.title}`);
      if (longResources) {
        doc.paragraph(`What makes it true (${count(f.resources.length, 'resource')}):`);
        renderResourceTable(doc, f);
      }
      renderPaths(doc, f.claim.paths);
      renderFlows(doc, f.claim.flows ?? []);
    }
  }
  renderAllAcknowledgments(doc, report);
}

/**
 * Paths by their id: the required ones that hold in one line (each is open through every hop), then a row per
 * other path naming the hop that closed it and why (the first; the JSON evidence has every hop).
 */
function renderPaths(doc: MarkdownDocument, paths: readonly PathEvidence[]): void {
  const open = paths.filter((p) => p.expectation === 'required' && p.holds && !p.problem);
  const kinds = [...new Set(open.map((p) => p.kind))];
  if (open.length)
    doc.paragraph(
      `Required paths (${open.length}): ${kinds
        .map((k) => `${k}: ${byBase(open.filter((p) => p.kind === k)).join(', ')}`)
        .join('; ')}.`,
    );
  const others = paths.filter((p) => !open.includes(p));
  if (others.length === 0) return;
  doc.paragraph(
    'Forbidden paths (and any path that fails); one requirement closed the same way in each zone is one row:',
  );
  doc.table(['path', 'kind', 'verdict'], groupedByBase(others));
}

/**
 * A forbidden path evaluated once per zone or resource, closed at the same hop in each, is one row (the first
 * instance's detail; every instance is in the JSON). A path that fails always has a row of its own.
 */
function groupedByBase(paths: readonly PathEvidence[]): string[][] {
  const rows = new Map<string, { base: string; kind: string; verdict: string; count: number }>();
  for (const p of paths) {
    const closed = !p.problem && p.expectation !== 'required' && p.holds;
    const hop = p.hops.find((h) => h.verdict !== 'pass')?.hop;
    const base = closed ? p.id.split('@')[0] : p.id;
    const key = closed ? `${base}|${p.kind}|${hop}` : `${p.id}|${p.kind}|failing`;
    const row = rows.get(key);
    if (row) row.count += 1;
    else rows.set(key, { base, kind: p.kind, verdict: pathVerdict(p), count: 1 });
  }
  return [...rows.values()].map((r) => [
    r.count > 1 ? `\`${r.base}\` ×${r.count}` : r.base,
    r.kind,
    r.count > 1 ? `${r.verdict} (the first of ${r.count})` : r.verdict,
  ]);
}

/**
 * Path ids by their base: a requirement evaluated once per resource it covers (`alarm-alerts@FailedReplication0`,
 * `alarm-alerts@ReplicationLatency0`) is one entry with how many (`alarm-alerts` ×2).
 */
function byBase(paths: readonly PathEvidence[]): string[] {
  const counts = new Map<string, number>();
  for (const p of paths) {
    const base = p.id.split('@')[0];
    counts.set(base, (counts.get(base) ?? 0) + 1);
  }
  return [...counts.entries()].map(([base, n]) => `\`${base}\`${n > 1 ? ` ×${n}` : ''}`);
}

/** Hop details longer than this are cut in the report; the JSON evidence keeps them whole. */
const DETAIL_LENGTH = 200;

function pathVerdict(p: PathEvidence): string {
  if (p.problem) return `**FAILS**: not evaluated: ${p.problem}`;
  const blocked = p.hops.filter((h) => h.verdict !== 'pass');
  const first = blocked[0];
  const detail =
    first && (first.detail.length > DETAIL_LENGTH ? `${first.detail.slice(0, DETAIL_LENGTH)}…` : first.detail);
  const more = blocked.length > 1 ? ` (and ${blocked.length - 1} more)` : '';
  if (p.expectation === 'required') return `**FAILS** (required) at ${first?.hop}: ${detail}${more}`;
  return p.holds ? `closed at ${first.hop}: ${detail}${more}` : `**FAILS**: open through ${p.hops.length} hops`;
}

/**
 * The flows, one row per verdict and set of deciding statements: flows decided by the same statements (four ways of
 * trying to delete a recovery point, all denied by one statement) share a row.
 */
function renderFlows(doc: MarkdownDocument, flows: readonly FlowRecord[]): void {
  if (flows.length === 0) return;
  const rows = new Map<string, { ids: string[]; requests: number; verdict: string; decisive: string }>();
  for (const f of flows) {
    const decisive =
      [
        ...new Set(
          f.requests.flatMap((r) =>
            r.decisive.map((d) => `${d.effect} ${d.sid ?? `${d.logicalId} statement ${d.index}`}`),
          ),
        ),
      ].join(', ') || 'no statement allows it';
    const verdict = f.holds
      ? f.kind === 'required'
        ? 'allowed'
        : 'denied'
      : `**FAILS** (${f.kind})${f.problem ? `: ${f.problem}` : ''}`;
    const key = `${verdict}|${decisive}`;
    const row = rows.get(key) ?? { ids: [], requests: 0, verdict, decisive };
    row.ids.push(f.flowId);
    row.requests += f.requests.length;
    rows.set(key, row);
  }
  doc.paragraph('IAM flows:');
  doc.table(
    ['flows', 'verdict', 'requests', 'decided by'],
    [...rows.values()].map((r) => [r.ids.join(', '), r.verdict, String(r.requests), firstStatements(r.decisive)]),
  );
}

/** Statements a row shows; past that it counts the rest (every statement of every request is in the JSON). */
const STATEMENTS_SHOWN = 4;

function firstStatements(decisive: string): string {
  const all = decisive.split(', ');
  return all.length > STATEMENTS_SHOWN
    ? `${all.slice(0, STATEMENTS_SHOWN).join(', ')} and ${all.length - STATEMENTS_SHOWN} more (in the JSON)`
    : decisive;
}

/**
 * Every acknowledgment of every pack, grouped by finding and reason, with the resources it covers; the reason is
 * under the claim's section, so here only for findings no claim covers.
 */
function renderAllAcknowledgments(doc: MarkdownDocument, report: EvidenceReport): void {
  doc.block(anchor('acknowledgments'));
  doc.heading(3, 'Every acknowledgment, by claim, with the resources it covers');
  if (report.acknowledgments.length === 0) {
    doc.paragraph('None.');
    return;
  }
  const claims = [...new Set(report.acknowledgments.map((a) => a.claim ?? NO_CLAIM))].sort();
  // Findings of one claim on the same resources share a row; their reasons are under the claim.
  const rows = claims.flatMap((claim) => {
    const byResources = new Map<string, string[]>();
    for (const g of groupAcknowledgments(report.acknowledgments.filter((a) => (a.claim ?? NO_CLAIM) === claim))) {
      const resources = g.resources.map((r) => r.replace(/\/Resource$/, '')).join(', ');
      // Granular findings of one rule (IAM5[Resource::...]) name the rule and the packs once.
      const finding = `${g.finding}|${g.packs.join(', ')}${claim === NO_CLAIM ? `: ${g.reason}` : ''}`;
      byResources.set(resources, [...(byResources.get(resources) ?? []), finding]);
    }
    return [...byResources.entries()].map(([resources, findings]) => [claim, joinGranular(findings), resources]);
  });
  doc.table(['claim', 'findings (packs)', 'resources'], rows);
}

const NO_CLAIM = '(no claim)';

/** `RULE[a]|packs`, `RULE[b]|packs` -> `RULE[a], [b] (packs)`; other findings as `RULE (packs)`. */
function joinGranular(findings: readonly string[]): string {
  const byRule = new Map<string, string[]>();
  for (const f of findings) {
    const [finding, packs] = f.split('|');
    const granular = /^([^[]+)(\[.*\])$/.exec(finding);
    const key = `${granular ? granular[1] : finding}|${packs}`;
    byRule.set(key, [...(byRule.get(key) ?? []), granular ? granular[2] : '']);
  }
  return [...byRule.entries()]
    .map(([key, parts]) => {
      const [rule, packs] = key.split('|');
      return `${rule}${parts.filter(Boolean).join(', ')} (${packs})`;
    })
    .join('; ');
}
