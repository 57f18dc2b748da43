import * as fs from 'fs';
import * as path from 'path';
import type { EvidenceReport } from '../../compliance/evidence/evidence-model';
import { renderTrustPage } from '../../compliance/evidence/trust-page/render-trust-page';
import type { VerifyReport } from '../../core/requirements/verify-report-model';
import { TrustPageArgs } from './trust-page-args';

/** Renders the trust page of `args.evidenceFile` into `args.pageFile`; resolves to the exit code. */
export function runTrustPage(args: TrustPageArgs, log: (line: string) => void = console.log): number {
  const report = readEvidence(args.evidenceFile);
  const verifyReport = args.verifyFile ? readVerifyReport(args.verifyFile) : undefined;
  // Rendered before anything is written: a verify report of another environment leaves no page behind.
  const html = renderTrustPage(report, { reportHref: args.reportHref, verifyReport });
  fs.mkdirSync(path.dirname(path.resolve(args.pageFile)), { recursive: true });
  fs.writeFileSync(args.pageFile, html);
  const verified = verifyReport ? `, verified in the account at ${verifyReport.finishedAt}` : '';
  log(`Trust page written to ${args.pageFile} (links to ${args.reportHref}${verified})`);
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

function readVerifyReport(file: string): VerifyReport {
  if (!fs.existsSync(file)) {
    throw new Error(`no verify report at ${file}: run 'secure-platform verify' first, or give --verify FILE`);
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<VerifyReport>;
  if (
    typeof report.environment !== 'string' ||
    typeof report.finishedAt !== 'string' ||
    !Array.isArray(report.claims) ||
    !Array.isArray(report.facts)
  ) {
    throw new Error(
      `${file} is not a verify-report.json of 'secure-platform verify' (no environment, finishedAt, claims or facts)`,
    );
  }
  return report as VerifyReport;
}
