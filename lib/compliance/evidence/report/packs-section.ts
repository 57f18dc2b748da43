import type { EvidenceReport } from '../evidence-model';
import { MarkdownDocument } from './markdown';

/** The stock packs that ran at synth and what they concluded. */
export function renderStockPacks(doc: MarkdownDocument, report: EvidenceReport): void {
  doc.heading(2, 'Packs run at synth');
  doc.table(
    ['pack', 'conclusion', 'unacknowledged', 'acknowledged'],
    report.stockPacks.length
      ? report.stockPacks.map((p) => [
          p.pack,
          p.conclusion,
          String(p.unacknowledgedViolations),
          String(p.acknowledgedFindings),
        ])
      : [['(no validation-report.json in the assembly)', '', '', '']],
  );
}
