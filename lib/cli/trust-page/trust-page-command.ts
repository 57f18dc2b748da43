import * as fs from 'fs';
import * as path from 'path';
import type { EvidenceReport } from '../../compliance/evidence/evidence-model';
import { renderTrustPage } from '../../compliance/evidence/trust-page/render-trust-page';
import { TrustPageArgs } from './trust-page-args';

/** Renders the trust page of `args.evidenceFile` into `args.pageFile`; resolves to the exit code. */
export function runTrustPage(args: TrustPageArgs, log: (line: string) => void = console.log): number {
  const report = readEvidence(args.evidenceFile);
  fs.mkdirSync(path.dirname(path.resolve(args.pageFile)), { recursive: true });
  fs.writeFileSync(args.pageFile, renderTrustPage(report, { reportHref: args.reportHref }));
  log(`Trust page written to ${args.pageFile} (links to ${args.reportHref})`);
  return 0;
}

function readEvidence(file: string): EvidenceReport {
  if (!fs.existsSync(file)) {
    throw new Error(`no evidence at ${file}: run 'secure-platform evidence' first, or give --evidence FILE`);
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<EvidenceReport>;
  if (!Array.isArray(report.environments) || typeof report.identity?.generatedAt !== 'string') {
    throw new Error(`${file} is not an evidence JSON of 'secure-platform evidence' (no environments or identity)`);
  }
  return report as EvidenceReport;
}
