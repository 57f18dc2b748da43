import type { ClaimEvidence, DocumentEvidence } from '../evidence-model';
import type { ClaimFacts } from './claim-facts';
import { anchor, anchorId, count, MarkdownDocument } from './markdown';
import { renderResourceTable } from './resource-table';
import { statusMark } from './status';

/** Resource tables longer than this fold into the appendix; the section links there. */
export const INLINE_RESOURCES = 12;

/** One claim: the sentence, the verdict and why, what proves it, what keeps watching it, what was accepted. */
export function renderClaim(doc: MarkdownDocument, environment: string, f: ClaimFacts): void {
  const c = f.claim;
  const id = anchorId(environment, c.id);
  doc.block(anchor(id));
  doc.heading(3, `${c.id}: ${c.title} (${statusMark(c.status)})`);
  doc.block(`> ${quoteOf(c, anchorId(environment, c.id, 'documents'))}`);
  doc.paragraph(`**Verdict**: ${statusMark(c.status)}: ${c.statusReason}.`);
  doc.paragraph(`True when: ${c.trueWhen}.`);
  if (c.exceeds) doc.paragraph(`Exceeds the claim: ${c.exceeds}`);
  doc.bullets([
    ...c.inheritedParts.map((p) => `Inherited: ${p}`),
    ...c.organisationalParts.map((p) => `Organisational, not provable by infrastructure: ${p}`),
  ]);
  if (c.documents.length) {
    doc.block(anchor(anchorId(environment, c.id, 'documents')));
    doc.paragraph(`**Documents** (${c.documents.length}):`);
    doc.bullets(c.documents.map(describeDocument));
  }
  if (c.kind !== 'infrastructure' && c.checks.length === 0) return;
  if (c.optOuts.length) doc.paragraph('**Opt-outs taken**:');
  doc.bullets(c.optOuts);
  renderChecks(doc, environment, f);
  renderProof(doc, environment, f);
  renderWatch(doc, f);
  renderAcknowledgments(doc, f);
}

/**
 * The seed sentence, its links kept only where they resolve: a link of the security page (`response/index.md`)
 * points at this claim's documents, which the report names; without documents it becomes plain text.
 */
function quoteOf(c: ClaimEvidence, documentsAnchor: string): string {
  return c.seedSentence.replace(/\[([^\]]+)\]\(([^)]+)\)/g, (whole, text: string, target: string) =>
    /^https?:\/\//.test(target) ? whole : c.documents.length ? `[${text}](#${documentsAnchor})` : text,
  );
}

function describeDocument(d: DocumentEvidence): string {
  const copy = d.source === 'given' ? 'the given copy' : "PocketCITY's own copy, shipped in the package";
  if (!d.present) return `\`${d.path}\`: **missing** (${copy} \`${d.location}\`)`;
  const sections = d.sections ?? [];
  const lacking = sections.filter((s) => s.problem);
  const judged = sections.length
    ? lacking.length
      ? `; **lacks** ${lacking.map((s) => `${s.name} (${s.problem})`).join(', ')}`
      : `; has every required section: ${sections.map((s) => `${s.name} ("${s.heading}")`).join(', ')}`
    : '';
  return `\`${d.path}\`: ${copy} \`${d.location}\`${judged}`;
}

function renderChecks(doc: MarkdownDocument, environment: string, f: ClaimFacts): void {
  if (f.ownChecks.length) {
    doc.paragraph(`**Checks** (${f.ownChecks.length}):`);
    doc.table(
      ['#', 'check', 'results', 'proves'],
      f.ownChecks.map((k, i) => [String(i + 1), checkName(k.id), resultsOf(k), withoutClaimPrefix(k.description)]),
    );
  }
  if (f.reliesOn.length)
    doc.paragraph(
      `Also counted in the verdict: ${f.reliesOn
        .map(({ check, owner }) => `${checkName(check.id)} (under [${owner}](#${anchorId(environment, owner)}))`)
        .join(', ')}.`,
    );
  const lines = (kind: string, pick: (k: ClaimFacts['ownChecks'][number]) => readonly string[]) =>
    f.ownChecks.flatMap((k) => pick(k).map((line) => `${k.id}: ${line}`)).map((l) => `${kind}: ${l}`);
  doc.bullets([...lines('**Failed**', (k) => k.failures), ...lines('Weakened by opt-out', (k) => k.weakenings)]);
}

function renderProof(doc: MarkdownDocument, environment: string, f: ClaimFacts): void {
  const appendix = anchorId(environment, f.claim.id, 'appendix');
  if (f.resources.length > 0 && f.resources.length <= INLINE_RESOURCES) {
    doc.paragraph(`**What makes it true** (${count(f.resources.length, 'resource')}; checks by number above):`);
    renderResourceTable(doc, f);
  } else if (f.resources.length > INLINE_RESOURCES) {
    doc.paragraph(
      `**What makes it true**: ${count(f.resources.length, 'resource')}, listed with their values in [the appendix](#${appendix}).`,
    );
  }
  const paths = f.claim.paths;
  const required = paths.filter((p) => p.expectation === 'required').length;
  const parts = [
    ...(paths.length
      ? [
          `**Paths**: ${f.paths.holding} of ${paths.length} hold (${required} required, ${paths.length - required} forbidden)`,
        ]
      : []),
    ...(f.flows.total
      ? [`**IAM flows**: ${f.flows.holding} of ${f.flows.total} hold (${count(f.flows.requests, 'request')})`]
      : []),
  ];
  if (parts.length) doc.paragraph(`${parts.join('; ')}: [appendix](#${appendix}).`);
}

/** The Config rules watching the claim, once each, grouped by the regions they are declared in. */
function renderWatch(doc: MarkdownDocument, f: ClaimFacts): void {
  if (f.watchedBy.length === 0) return;
  const byRegions = new Map<string, string[]>();
  for (const r of f.watchedBy) {
    const regions = r.regions.join(' and ');
    byRegions.set(regions, [...(byRegions.get(regions) ?? []), `\`${r.identifier}\``]);
  }
  doc.paragraph(
    `**Kept watching after deploy** by ${count(f.watchedBy.length, 'AWS Config rule')}: ${[...byRegions.entries()]
      .map(([regions, rules]) => `in ${regions}: ${rules.join(', ')}`)
      .join('; ')}.`,
  );
}

function renderAcknowledgments(doc: MarkdownDocument, f: ClaimFacts): void {
  if (f.acknowledgments.length === 0) return;
  doc.paragraph(
    `**Acknowledged findings** (${count(f.acknowledgments.length, 'reason')}, on ${count(f.acknowledgedResources, 'resource')}; packs and resources in [the appendix](#acknowledgments)):`,
  );
  doc.bullets(
    f.acknowledgments.map(
      (a) => `${findingsInBrief(a.findings)} on ${count(a.resources.length, 'resource')}: ${a.reason}`,
    ),
  );
}

/**
 * Findings as a claim's section names them: one granular rule's many findings (`IAM5[Resource::...]`, one per
 * resource pattern) as the rule and their count; the patterns are listed in the appendix.
 */
function findingsInBrief(findings: readonly string[]): string {
  const byRule = new Map<string, string[]>();
  for (const f of findings) {
    const rule = /^([^[]+)\[/.exec(f)?.[1] ?? f;
    byRule.set(rule, [...(byRule.get(rule) ?? []), f]);
  }
  return [...byRule.entries()]
    .flatMap(([rule, all]) =>
      all.length > 2 ? [`\`${rule}\` (${all.length} resource patterns, in the appendix)`] : all.map((x) => `\`${x}\``),
    )
    .join(', ');
}

/** A check as the registry names it (`DATA3-DailyCopiesLeaveRegion`); the gate reports it with `Claims-` before. */
export function checkName(id: string): string {
  return id.replace(/^Claims-/, '');
}

/** A check's results in words: `12 pass`, `2 pass, 1 acknowledged`, `**1 fail**`. */
export function resultsOf(k: { passed: number; failed: number; acknowledged: number; weakened: number }): string {
  const parts = [
    ...(k.failed ? [`**${k.failed} fail**`] : []),
    `${k.passed} pass`,
    ...(k.acknowledged ? [`${k.acknowledged} acknowledged`] : []),
    ...(k.weakened ? [`${k.weakened} weakened`] : []),
  ];
  return parts.join(', ');
}

/** A description without the claim ids it starts with (`MONITOR-1 and REST-1: `): the section already names them. */
function withoutClaimPrefix(description: string): string {
  return description.replace(/^[A-Z]+-\d+((, | and )[A-Z]+-\d+)*: /, '');
}
