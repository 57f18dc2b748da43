import type { ClaimId } from '../../core/claims/claim';
import { CONTINUOUS_CONFIG_RULES, ConfigRuleRequirement } from '../../core/requirements/continuous-config-rules';
import type { ConfigRuleProps } from '../template/cfn/config';
import type { PlatformAssembly } from '../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel } from '../template/stage-model';

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

/** One AWS managed Config rule of the model and the identifier of the managed rule it runs. */
export interface ManagedConfigRule {
  readonly rule: ModelResource<ConfigRuleProps>;
  readonly identifier: string;
}

/** Every AWS managed Config rule of the model (`Source.Owner` AWS), with its identifier. */
export function managedConfigRules(model: StageModel): ManagedConfigRule[] {
  return model.ofType<ConfigRuleProps>('AWS::Config::ConfigRule').flatMap((rule) => {
    const identifier = model.text(rule, rule.props.Source?.SourceIdentifier);
    return model.text(rule, rule.props.Source?.Owner) === 'AWS' && identifier !== undefined
      ? [{ rule, identifier }]
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
  const model = assemblyModel(assembly);
  const byClaim: Partial<Record<ClaimId, DeclaredConfigRule[]>> = {};
  for (const { rule, identifier } of managedConfigRules(model)) {
    const requirement = requirements.find((r) => r.identifier === identifier);
    if (!requirement) continue;
    const declared: DeclaredConfigRule = {
      identifier,
      ruleName: model.text(rule, rule.props.ConfigRuleName),
      watches: requirement.watches,
      region: rule.region,
      stackName: rule.stackName,
      logicalId: rule.logicalId,
      resourceId: model.text(rule, rule.props.Scope?.ComplianceResourceId),
    };
    for (const claim of requirement.claims) (byClaim[claim] ??= []).push(declared);
  }
  return byClaim;
}
