import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import { Check, CHECKS, CheckResult, runChecks } from '../checks';
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

  constructor(private readonly checks: readonly Check[] = CHECKS) {
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
    return { success: violations.size === 0, violations: [...violations.values()] };
  }
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
