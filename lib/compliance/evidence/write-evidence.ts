import * as fs from 'fs';
import * as path from 'path';
import { collectEvidence, CollectEvidenceOptions } from './collect-evidence';
import { EvidenceReport } from './evidence-model';
import { renderEvidenceMarkdown } from './render-markdown';

export interface EvidenceRun {
  readonly report: EvidenceReport;
  readonly markdownPath: string;
  readonly jsonPath: string;
  /** Non-zero when a check fails, a stock pack has an unacknowledged violation, or (strict) a claim is not implemented or weakened. */
  readonly exitCode: number;
  readonly problems: readonly string[];
}

/** Collects the evidence of `outdir` and writes `evidence/security-evidence.{md,json}` inside it. */
export function writeEvidence(
  options: CollectEvidenceOptions & { strict?: boolean; evidenceDir?: string },
): EvidenceRun {
  const report = collectEvidence(options);
  const dir = options.evidenceDir ?? path.join(options.outdir, 'evidence');
  fs.mkdirSync(dir, { recursive: true });
  const markdownPath = path.join(dir, 'security-evidence.md');
  const jsonPath = path.join(dir, 'security-evidence.json');
  fs.writeFileSync(markdownPath, renderEvidenceMarkdown(report));
  fs.writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
  const problems: string[] = [];
  for (const env of report.environments) {
    for (const c of env.claims) {
      if (c.status === 'FAILING') problems.push(`${env.environment} ${c.id} FAILING: ${c.statusReason}`);
      if (options.strict && c.status === 'not implemented')
        problems.push(`${env.environment} ${c.id} not implemented (strict)`);
      if (options.strict && c.status === 'weakened')
        problems.push(`${env.environment} ${c.id} weakened: ${c.statusReason} (strict)`);
    }
  }
  for (const p of report.integrity) {
    if (!p.strictOnly || options.strict) problems.push(`${p.problem}${p.strictOnly ? ' (strict)' : ''}`);
  }
  if (report.summary.unacknowledgedStockViolations > 0) {
    problems.push(`${report.summary.unacknowledgedStockViolations} unacknowledged stock-pack violation(s)`);
  }
  return { report, markdownPath, jsonPath, exitCode: problems.length ? 1 : 0, problems };
}
