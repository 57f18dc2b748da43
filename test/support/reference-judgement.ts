import * as fs from 'fs';
import * as path from 'path';
import { CHECKS } from '../../lib/compliance/registry';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { ClaimEvidence, EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { JudgedResult, judgeChecks } from '../../lib/compliance/evidence/judge-checks';
import { Acknowledgments } from '../../lib/compliance/template/acknowledgments';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import type { Check } from '../../lib/compliance/checks/check';
import type { ClaimId } from '../../lib/core/claims/claim';
import { REFERENCE_ASSEMBLY_DIR, REFERENCE_ASSEMBLY_ROOT } from './reference-constants';

/**
 * The reference platform judged once per test run: the global setup runs every check (acknowledgments applied) and
 * the evidence generator on the shared reference assembly and writes the results here; test files read them back.
 */
const RESULTS_FILE = path.join(REFERENCE_ASSEMBLY_ROOT, 'check-results.json');
const EVIDENCE_FILE = path.join(REFERENCE_ASSEMBLY_ROOT, 'evidence.json');
/** This repository's docs/: the reference platform's own documents. */
export const REFERENCE_DOCUMENTS = path.join(__dirname, '../../docs');

/** Called by the global setup, after it has synthesized the reference assembly. */
export function writeReferenceJudgement(): void {
  const model = PlatformAssembly.fromDirectory(REFERENCE_ASSEMBLY_DIR);
  fs.writeFileSync(
    RESULTS_FILE,
    JSON.stringify(judgeChecks(model, CHECKS, Acknowledgments.fromDirectory(REFERENCE_ASSEMBLY_DIR))),
  );
  // The reference is PocketCITY's own platform: its documents are this repository's docs/, given as a consumer gives
  // its own (without them, MONITOR-3 and RESPONSE-1 are weakened: judged on the package's copies).
  fs.writeFileSync(
    EVIDENCE_FILE,
    JSON.stringify(collectEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, documentsDir: REFERENCE_DOCUMENTS })),
  );
}

/** One check's result on one reference resource. */
export interface ReferenceResult {
  readonly ruleId: string;
  readonly stackName: string;
  readonly region?: string;
  readonly logicalId: string;
  readonly type: string;
  readonly status: JudgedResult['status'];
  readonly detail: string;
  readonly properties: Record<string, unknown>;
}

let results: JudgedResult[] | undefined;
let evidence: EvidenceReport | undefined;

/** What `checks` said of each reference resource they judged (results about no one resource are left out). */
export function referenceRuleResults(checks: readonly Check[]): ReferenceResult[] {
  results ??= JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as JudgedResult[];
  const ids = new Set(checks.map((c) => c.id));
  return results
    .filter((r) => ids.has(r.checkId) && r.resource)
    .map((r) => ({
      ruleId: r.checkId,
      stackName: r.resource!.stackName,
      region: r.resource!.region,
      logicalId: r.resource!.logicalId,
      type: r.resource!.type,
      status: r.status,
      detail: r.detail,
      properties: r.properties ?? {},
    }));
}

/** The evidence of `claim` on the reference platform, judged by every check naming it. */
export function referenceClaimEvidence(claim: ClaimId): ClaimEvidence {
  evidence ??= JSON.parse(fs.readFileSync(EVIDENCE_FILE, 'utf8')) as EvidenceReport;
  const found = evidence.environments[0].claims.find((c) => c.id === claim);
  if (!found) throw new Error(`No evidence for ${claim} in ${EVIDENCE_FILE}`);
  return found;
}
