import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { findingFix } from '../../core/findings/fixes';
import { timedPhase } from '../../core/progress';
import { Check, CheckResult, RecordedCheckResult, runChecks } from '../checks';
import { POLICY_ENGINE_INSTALL, POLICY_ENGINE_MISSING } from '../../core/findings/policy-engine';
import { CHECKS } from '../registry';
import { PlatformAssembly } from '../template/platform-assembly';
import { GateFinding, recordGateFindings } from './gate-findings';

/** The plugin name, and so the prefix of every rule it reports: `Claims-DATA1-...`, acknowledged as `Claims::...`. */
export const CLAIMS_PLUGIN_NAME = 'Claims';

/** The rule name a failing result is reported and acknowledged under: `Claims-<id>` or `Claims-<id>[<finding>]`. */
export function claimsRuleName(checkId: string, finding?: string): string {
  return `${CLAIMS_PLUGIN_NAME}-${checkId}${finding ? `[${finding}]` : ''}`;
}

/**
 * The synth gate: every claims check as one CDK policy-validation plugin, registered once per PlatformStage. CDK
 * hands it the stage's templates (both regions); it reads them into the same model the evidence reads from
 * cdk.out and runs the same checks, so the two cannot disagree. CDK suppresses what is acknowledged.
 */
export class ClaimsPlugin implements IPolicyValidationPlugin {
  readonly name = CLAIMS_PLUGIN_NAME;
  readonly ruleIds: string[];

  /**
   * @param checks the checks to run
   * @param stockPacks the stock packs registered beside it, recorded in the report so the evidence can refuse an
   * assembly judged with packs switched off
   */
  constructor(
    private readonly checks: readonly Check[] = CHECKS,
    private readonly stockPacks: readonly string[] = [],
  ) {
    this.ruleIds = checks.map((c) => claimsRuleName(c.id));
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const model = PlatformAssembly.fromStackTemplates(context.stackTemplates);
    const templateOf = new Map(model.stacks.map((s) => [s.stackName, s.templatePath]));
    const scope = stagePath(context);
    const failures = timedPhase(`${this.checks.length} claims checks judged ${scope || 'the app'}`, () =>
      runChecks(model, this.checks),
    ).filter((r) => r.status === 'fail');
    // Without the engine every flow proof fails alike: one finding names it, not one per flow.
    const engineMissing = failures.filter((r) => r.detail.includes(POLICY_ENGINE_MISSING));
    const violations = new Map<string, PolicyViolation>();
    const findings: GateFinding[] = [];
    for (const result of failures) {
      if (engineMissing.includes(result)) continue;
      const check = this.checks.find((c) => c.id === result.checkId)!;
      const ruleName = claimsRuleName(check.id, result.finding);
      // A fix names a prop of a resource; a check that found nothing to judge has none.
      const fix = result.resource ? findingFix(check.id, result.finding, result.resource.type) : undefined;
      const description = `[${check.claims.join(', ')}] ${check.description}`;
      const resource = violatingResource(result, templateOf);
      const violation = violations.get(`${ruleName}|${fix}`) ?? {
        ruleName,
        description,
        fix,
        severity: 'error',
        violatingResources: [],
      };
      violation.violatingResources.push(resource);
      violations.set(`${ruleName}|${fix}`, violation);
      findings.push({
        pluginName: this.name,
        ruleName,
        description,
        what: result.detail,
        severity: 'error',
        fix,
        checkId: check.id,
        finding: result.finding,
        claims: check.claims,
        templatePath: resource.templatePath,
        logicalId: resource.resourceLogicalId,
        scope,
      });
    }
    if (engineMissing.length) {
      const missing = engineMissingViolation(engineMissing, this.checks, scope);
      violations.set(missing.ruleName, missing);
      findings.push({
        pluginName: this.name,
        ruleName: missing.ruleName,
        description: missing.description,
        what: missing.description,
        severity: 'fatal',
        fix: POLICY_ENGINE_INSTALL,
        checkId: ENGINE_MISSING_ID,
        claims: [...new Set(engineMissing.flatMap((r) => this.checks.find((c) => c.id === r.checkId)!.claims))],
        scope,
        unacknowledgeable: true,
      });
    }
    recordGateFindings(context.appConstruct, findings);
    const report = { success: violations.size === 0, violations: [...violations.values()] };
    writeGateRecord(context.templatePaths, {
      success: report.success,
      findings: failures.map((r) => `${claimsRuleName(r.checkId, r.finding)} ${r.resource?.logicalId ?? '-'}`),
      templates: templateDigests(context.templatePaths),
      stockPacks: this.stockPacks,
    });
    return report;
  }
}

/** The rule the missing policy engine is reported under: `Claims-PolicyEngineMissing`. */
export const ENGINE_MISSING_ID = 'PolicyEngineMissing';

/**
 * One finding for every flow proof the missing engine left unproven: fatal, so CDK lets no one acknowledge it and
 * synth fails closed, as each flow check does.
 */
function engineMissingViolation(
  results: readonly RecordedCheckResult[],
  checks: readonly Check[],
  scope: string,
): PolicyViolation {
  const ids = [...new Set(results.map((r) => r.checkId))];
  const claims = [...new Set(ids.flatMap((id) => checks.find((c) => c.id === id)!.claims))];
  return {
    ruleName: claimsRuleName(ENGINE_MISSING_ID),
    description:
      `[${claims.join(', ')}] ${POLICY_ENGINE_MISSING}, so ${results.length} flow proofs of ${scope || 'the app'} ` +
      `(${ids.length} checks: ${ids.join(', ')}) cannot be proven and fail. Install it: ${POLICY_ENGINE_INSTALL}`,
    fix: POLICY_ENGINE_INSTALL,
    severity: 'fatal',
    violatingResources: [{ locations: [] }],
  };
}

/** The construct path of the stage the plugin judges: the parent of its stacks. */
function stagePath(context: IPolicyValidationContext): string {
  const first = context.stackTemplates?.[0]?.stackConstructPath ?? '';
  return first.includes('/') ? first.slice(0, first.lastIndexOf('/')) : '';
}

/**
 * What the gate judged, written beside the templates it judged (CDK's validation report leaves out a plugin with
 * nothing to report, and drops its metadata): the evidence refuses an assembly whose templates differ from these
 * digests, that failed the gate, or that was judged with stock packs switched off.
 */
export interface GateRecord {
  readonly success: boolean;
  /** `<rule> <logical id>` of each finding before acknowledgments. */
  readonly findings: readonly string[];
  /** SHA-256 of every template judged, by file name. */
  readonly templates: Readonly<Record<string, string>>;
  /** The stock packs registered beside the gate on the same stage. */
  readonly stockPacks: readonly string[];
}

/** The file name of the gate record in each stage's assembly directory. */
export const GATE_RECORD_FILE = 'claims-gate.json';

/** SHA-256 of a template file's bytes, as the gate and the evidence both compute it. */
export function templateDigest(templatePath: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(templatePath)).digest('hex');
}

function writeGateRecord(templatePaths: readonly string[], record: GateRecord): void {
  const dirs = new Set(templatePaths.map((p) => path.dirname(p)));
  for (const dir of dirs) fs.writeFileSync(path.join(dir, GATE_RECORD_FILE), JSON.stringify(record, null, 2));
}

function templateDigests(templatePaths: readonly string[]): Record<string, string> {
  return Object.fromEntries(templatePaths.map((p) => [path.basename(p), templateDigest(p)]));
}

function violatingResource(
  result: CheckResult,
  templateOf: Map<string, string>,
): PolicyViolation['violatingResources'][number] {
  return {
    resourceLogicalId: result.resource?.logicalId,
    templatePath: result.resource ? templateOf.get(result.resource.stackName) : undefined,
    locations: [result.detail],
  };
}
