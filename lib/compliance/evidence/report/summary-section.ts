import type { EvidenceReport } from '../evidence-model';
import type { ClaimFacts } from './claim-facts';
import { anchorId, MarkdownDocument } from './markdown';
import { statusMark } from './status';

/** The column headers of the claims table; the tests read the table by them. */
export const SUMMARY_HEADER = [
  'environment',
  'claim',
  'verdict',
  'own checks',
  'results pass / fail / ack',
  'relies on checks',
  'paths holding',
  'flows holding',
  'acknowledgment reasons (resources)',
  'Config rules',
] as const;

/** Verdicts counted, then one row per claim and environment, its figures those its section shows. */
export function renderSummary(
  doc: MarkdownDocument,
  report: EvidenceReport,
  facts: ReadonlyMap<string, readonly ClaimFacts[]>,
): void {
  doc.heading(2, 'Summary');
  doc.table(
    ['verdict', 'claims'],
    Object.entries(report.summary.byStatus).map(([status, n]) => [statusMark(status), String(n)]),
  );
  doc.paragraph(
    `Unacknowledged findings of the synth (stock packs and the claims gate): ${report.summary.unacknowledgedStockViolations}.`,
  );
  const rows = report.environments.flatMap((env) =>
    (facts.get(env.environment) ?? []).map((f) => [
      env.environment,
      `[${f.claim.id}](#${anchorId(env.environment, f.claim.id)}) ${f.claim.title}`,
      statusMark(f.claim.status),
      String(f.ownChecks.length),
      `${f.results.passed} / ${f.results.failed} / ${f.results.acknowledged}`,
      String(f.reliesOn.length),
      `${f.paths.holding} of ${f.paths.total}`,
      `${f.flows.holding} of ${f.flows.total}`,
      `${f.acknowledgments.length} (${f.acknowledgedResources})`,
      String(f.watchedBy.length),
    ]),
  );
  doc.table(SUMMARY_HEADER, rows);
}
