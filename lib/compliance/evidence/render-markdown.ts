import type { EvidenceReport } from './evidence-model';
import { renderEvidenceReport, RenderOptions } from './report/render-report';

export { IDENTITY_BEGIN, IDENTITY_END } from './report/identity-section';
export type { RenderOptions } from './report/render-report';

/** The auditor's view, in markdown: see report/render-report.ts (one file per section kind under report/). */
export function renderEvidenceMarkdown(report: EvidenceReport, options?: RenderOptions): string {
  return renderEvidenceReport(report, options);
}
