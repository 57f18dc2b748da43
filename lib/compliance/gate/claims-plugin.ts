import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Check, CheckResult, runChecks } from '../checks';
import { CHECKS } from '../registry';
import { PlatformAssembly } from '../template/platform-assembly';

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
    const violations = new Map<string, PolicyViolation>();
    for (const result of runChecks(model, this.checks)) {
      if (result.status !== 'fail') continue;
      const check = this.checks.find((c) => c.id === result.checkId)!;
      const ruleName = claimsRuleName(check.id, result.finding);
      const violation = violations.get(ruleName) ?? {
        ruleName,
        description: `[${check.claims.join(', ')}] ${check.description}`,
        severity: 'error',
        violatingResources: [],
      };
      violation.violatingResources.push(violatingResource(result, templateOf));
      violations.set(ruleName, violation);
    }
    const report = { success: violations.size === 0, violations: [...violations.values()] };
    writeGateRecord(context.templatePaths, {
      success: report.success,
      findings: report.violations.flatMap((v) =>
        v.violatingResources.map((r) => `${v.ruleName} ${r.resourceLogicalId ?? '-'}`),
      ),
      templates: templateDigests(context.templatePaths),
      stockPacks: this.stockPacks,
    });
    return report;
  }
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
