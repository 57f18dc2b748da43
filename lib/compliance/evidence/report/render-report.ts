import type { EvidenceReport } from '../evidence-model';
import { renderDeliverySection } from '../delivery-section';
import { renderAppendix } from './appendix-section';
import { ClaimFacts, claimFacts } from './claim-facts';
import { renderClaim } from './claim-section';
import { renderEnvironment } from './environment-section';
import { renderIdentity } from './identity-section';
import { MarkdownDocument } from './markdown';
import { renderStockPacks } from './packs-section';
import { renderSummary } from './summary-section';

export interface RenderOptions {
  /** The command that made the report, as the reader would type it again. @default 'secure-platform evidence' */
  readonly command?: string;
}

/**
 * The report a person reads in minutes: who made it, the verdicts, each claim (its sentence, verdict, checks, what
 * makes it true, what keeps watching it, what was accepted), then the long lists in an appendix.
 */
export function renderEvidenceReport(report: EvidenceReport, options: RenderOptions = {}): string {
  const doc = new MarkdownDocument();
  doc.heading(1, report.title);
  doc.paragraph(
    `Computed from the synthesized templates by the command named below, with ${Object.entries(report.toolVersions)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; nothing here is hand-written. Each check is listed once, under the claim it belongs to (its id names it); a claim whose verdict also counts another claim's check says so. Opt-outs are listed under the claims they weaken. Long lists are in the appendix.`,
  );
  renderIdentity(doc, report, options.command ?? 'secure-platform evidence');
  if (report.integrity.length) {
    doc.heading(2, 'This assembly cannot be certified');
    doc.bullets(report.integrity.map((p) => `${p.problem}${p.strictOnly ? ' (fails --strict)' : ''}`));
  }
  const facts = factsByEnvironment(report);
  renderSummary(doc, report, facts);
  for (const env of report.environments) {
    renderEnvironment(doc, env);
    for (const f of facts.get(env.environment) ?? []) renderClaim(doc, env.environment, f);
  }
  const delivery = renderDeliverySection(report.delivery ?? []);
  if (delivery.length) doc.block(...delivery);
  renderStockPacks(doc, report);
  renderAppendix(doc, report, facts);
  return doc.toString();
}

function factsByEnvironment(report: EvidenceReport): Map<string, ClaimFacts[]> {
  return new Map(
    report.environments.map((env) => {
      const ids = env.claims.map((c) => c.id);
      return [env.environment, env.claims.map((c) => claimFacts(c, ids))];
    }),
  );
}
