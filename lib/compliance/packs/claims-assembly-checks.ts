import {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import { ASSEMBLY_CHECKS, AssemblyCheck, PlatformAssembly } from '../assembly';
import { runAssemblyChecks } from '../assembly/run-assembly-checks';

export const CLAIMS_ASSEMBLY_PLUGIN_NAME = 'ClaimsAssembly';

/**
 * The app-wide half of the claims checks as a CDK validation plugin: it reads every template of the stage it is
 * registered on (both regions), so `cdk synth` fails when a cross-stack claim is broken.
 */
export class ClaimsAssemblyChecks implements IPolicyValidationPlugin {
  readonly name = CLAIMS_ASSEMBLY_PLUGIN_NAME;
  readonly ruleIds: string[];

  constructor(private readonly checks: readonly AssemblyCheck[] = ASSEMBLY_CHECKS) {
    this.ruleIds = checks.map((c) => `${CLAIMS_ASSEMBLY_PLUGIN_NAME}-${c.id}`);
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const assembly = PlatformAssembly.fromStackTemplates(context.stackTemplates);
    const byStack = new Map(assembly.stacks.map((s) => [s.stackName, s.templatePath]));
    const violations = new Map<string, PolicyViolation>();
    for (const result of runAssemblyChecks(assembly, this.checks)) {
      if (result.status !== 'fail') continue;
      const check = this.checks.find((c) => c.id === result.checkId)!;
      const ruleName = `${CLAIMS_ASSEMBLY_PLUGIN_NAME}-${check.id}`;
      const violation = violations.get(ruleName) ?? {
        ruleName,
        description: `[${check.claims.join(', ')}] ${check.description}: ${result.detail}`,
        severity: 'error',
        violatingResources: [],
      };
      violation.violatingResources.push({
        resourceLogicalId: result.resource?.logicalId,
        templatePath: result.resource ? byStack.get(result.resource.stackName) : undefined,
        locations: [result.detail],
      });
      violations.set(ruleName, violation);
    }
    return { success: violations.size === 0, violations: [...violations.values()] };
  }
}
