import * as fs from 'fs';
import * as path from 'path';
import { collectEvidence, CollectEvidenceOptions } from './collect-evidence';
import { EvidenceReport } from './evidence-model';
import { renderEvidenceMarkdown } from './render-markdown';
import { writeOscal } from './oscal/write-oscal';
import { completeEvidenceBundle } from './bundle/write-bundle';
import { CLAIMS_PLUGIN_NAME } from '../gate/claims-plugin';
import { STRAY_STACKS_PLUGIN_NAME } from '../gate/stray-stacks';
import { FINDINGS_TEXT_FILE } from '../gate/findings-summary-plugin';

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
  options: CollectEvidenceOptions & { strict?: boolean; evidenceDir?: string; command?: string },
): EvidenceRun {
  const report = collectEvidence(options);
  const dir = options.evidenceDir ?? path.join(options.outdir, 'evidence');
  fs.mkdirSync(dir, { recursive: true });
  const markdownPath = path.join(dir, 'security-evidence.md');
  const jsonPath = path.join(dir, 'security-evidence.json');
  fs.writeFileSync(markdownPath, renderEvidenceMarkdown(report, { command: options.command }));
  fs.writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
  writeOscal(dir, report);
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
  problems.push(...unacknowledgedFindingProblems(report));
  // Last: the trust page, then the manifest of every file written above.
  completeEvidenceBundle(dir, report);
  return { report, markdownPath, jsonPath, exitCode: problems.length ? 1 : 0, problems };
}

/**
 * What the synth left unacknowledged, told apart by who found it: the stock packs, or the platform's own gate (claims
 * checks, flow proofs and the missing policy engine, stray stacks), whose findings the synth summarised with their fixes.
 */
export function unacknowledgedFindingProblems(report: EvidenceReport): string[] {
  const gatePlugins: readonly string[] = [CLAIMS_PLUGIN_NAME, STRAY_STACKS_PLUGIN_NAME];
  const count = (gate: boolean) =>
    report.stockPacks
      .filter((p) => gatePlugins.includes(p.pack) === gate)
      .reduce((n, p) => n + p.unacknowledgedViolations, 0);
  const [stock, gate] = [count(false), count(true)];
  return [
    ...(stock ? [`${stock} unacknowledged stock-pack violation(s)`] : []),
    ...(gate
      ? [`${gate} unacknowledged synth gate finding(s), each with its fix in ${FINDINGS_TEXT_FILE} beside the assembly`]
      : []),
  ];
}
