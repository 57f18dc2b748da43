import * as fs from 'fs';
import * as path from 'path';
import { PlatformAssembly } from '../../lib/compliance/assembly/platform-assembly';
import { ClaimId } from '../../lib/core/claims/claim';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { evaluateClaimRules, RuleResult } from '../../lib/compliance/evidence/evaluate-claim-rules';
import { ClaimEvidence, EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { CLAIM_RULES } from '../../lib/compliance/rules';
import { ClaimRule } from '../../lib/compliance/rules/claim-rule';
import { REFERENCE_ASSEMBLY_DIR, REFERENCE_ASSEMBLY_ROOT } from './reference-constants';

/**
 * The reference platform judged once per test run. The global setup runs every claims-pack rule and the evidence
 * generator on the shared reference assembly and writes the results here; test files read them back. Judging anew
 * in each file meant loading every template back through CfnInclude, about a second per claims test file.
 */
const RULE_RESULTS_FILE = path.join(REFERENCE_ASSEMBLY_ROOT, 'rule-results.json');
const EVIDENCE_FILE = path.join(REFERENCE_ASSEMBLY_ROOT, 'evidence.json');
const REPO_ROOT = path.join(__dirname, '../..');

/** Called by the global setup, after it has synthesized the reference assembly. */
export function writeReferenceJudgement(): void {
  const ruleResults = evaluateClaimRules(PlatformAssembly.fromDirectory(REFERENCE_ASSEMBLY_DIR), CLAIM_RULES);
  fs.writeFileSync(RULE_RESULTS_FILE, JSON.stringify(ruleResults));
  fs.writeFileSync(
    EVIDENCE_FILE,
    JSON.stringify(collectEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, repoRoot: REPO_ROOT })),
  );
}

let ruleResults: RuleResult[] | undefined;
let evidence: EvidenceReport | undefined;

/** What `rules` said of each reference resource they apply to. */
export function referenceRuleResults(rules: readonly ClaimRule[]): RuleResult[] {
  ruleResults ??= JSON.parse(fs.readFileSync(RULE_RESULTS_FILE, 'utf8')) as RuleResult[];
  const ids = new Set(rules.map((r) => r.id));
  return ruleResults.filter((r) => ids.has(r.ruleId));
}

/** The evidence of `claim` on the reference platform, judged by every rule and check naming it. */
export function referenceClaimEvidence(claim: ClaimId): ClaimEvidence {
  evidence ??= JSON.parse(fs.readFileSync(EVIDENCE_FILE, 'utf8')) as EvidenceReport;
  const found = evidence.environments[0].claims.find((c) => c.id === claim);
  if (!found) throw new Error(`No evidence for ${claim} in ${EVIDENCE_FILE}`);
  return found;
}
