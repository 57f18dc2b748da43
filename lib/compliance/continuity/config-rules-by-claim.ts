import type { ClaimId } from '../../core/claims/claim';
import { CONTINUOUS_CONFIG_RULES, ConfigRuleRequirement } from '../../core/requirements/continuous-config-rules';
import { LocatedResource, PlatformAssembly } from '../template/platform-assembly';
import { prop } from '../template/template-values';

/** One AWS managed Config rule declared in a template, as the evidence lists it beside a claim. */
export interface DeclaredConfigRule {
  readonly identifier: string;
  /** `ConfigRuleName`, when the template gives it as a literal. */
  readonly ruleName?: string;
  /** What it watches (from the requirements table). */
  readonly watches: string;
  readonly region?: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** The one resource it is scoped to (`Scope.ComplianceResourceId`), when it is not account-wide. */
  readonly resourceId?: string;
}

/** Every AWS managed Config rule of the assembly (`Source.Owner` AWS), with its identifier. */
export function managedConfigRules(assembly: PlatformAssembly): { rule: LocatedResource; identifier: string }[] {
  return assembly.resourcesOfType('AWS::Config::ConfigRule').flatMap((rule) => {
    const source = (prop(rule, 'Source') ?? {}) as { Owner?: unknown; SourceIdentifier?: unknown };
    return source.Owner === 'AWS' && typeof source.SourceIdentifier === 'string'
      ? [{ rule, identifier: source.SourceIdentifier }]
      : [];
  });
}

/**
 * Claim -> the AWS managed Config rules declared in the templates that keep watching it after deploy, by the
 * requirements table's identifier -> claims mapping; a pure function of the templates, for the evidence.
 */
export function configRulesByClaim(
  assembly: PlatformAssembly,
  requirements: readonly ConfigRuleRequirement[] = CONTINUOUS_CONFIG_RULES,
): Partial<Record<ClaimId, DeclaredConfigRule[]>> {
  const byClaim: Partial<Record<ClaimId, DeclaredConfigRule[]>> = {};
  for (const { rule, identifier } of managedConfigRules(assembly)) {
    const requirement = requirements.find((r) => r.identifier === identifier);
    if (!requirement) continue;
    const name = prop(rule, 'ConfigRuleName');
    const resourceId = ((prop(rule, 'Scope') ?? {}) as { ComplianceResourceId?: unknown }).ComplianceResourceId;
    const declared: DeclaredConfigRule = {
      identifier,
      ruleName: typeof name === 'string' ? name : undefined,
      watches: requirement.watches,
      region: rule.region,
      stackName: rule.stackName,
      logicalId: rule.logicalId,
      resourceId: typeof resourceId === 'string' ? resourceId : undefined,
    };
    for (const claim of requirement.claims) (byClaim[claim] ??= []).push(declared);
  }
  return byClaim;
}
