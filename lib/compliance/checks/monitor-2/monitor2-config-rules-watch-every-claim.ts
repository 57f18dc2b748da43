import type { ClaimId } from '../../../core/claims/claim';
import { CLAIMS } from '../../../core/claims/register';
import {
  CLAIMS_WITHOUT_CONFIG_RULE,
  configRuleNamePrefix,
  CONTINUOUS_CONFIG_RULES,
  ConfigRuleRequirement,
  hygieneConfigRuleNamePrefix,
  PLATFORM_TAG_KEY,
  PlatformRegionRole,
  RuleScope,
  WatchedBucket,
} from '../../../core/requirements/continuous-config-rules';
import { Check, CheckResult, fail, pass, perStage } from '../check';
import type { ConfigRuleProps } from '../../template/cfn/config';
import type { EventRuleProps } from '../../template/cfn/events';
import type { PlatformAssembly } from '../../template/platform-assembly';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { ManagedConfigRule, managedConfigRules } from '../../continuity/config-rules-by-claim';
import { isJsonObject, patternView } from '../private/event-patterns';

/**
 * The claims the table has rules for: MONITOR-2 first (keeping watch in the account is a defence, and names the
 * check), then the others in register order.
 */
const COVERED_CLAIMS: ClaimId[] = [
  'MONITOR-2',
  ...CLAIMS.map((c) => c.id).filter(
    (id) => id !== 'MONITOR-2' && CONTINUOUS_CONFIG_RULES.some((r) => r.claims.includes(id)),
  ),
];

/** The regions of a stage, in the order results name them. */
const REGION_ROLES: readonly PlatformRegionRole[] = ['primary', 'recovery'];

/**
 * Every claim (DATA-1 .. MONITOR-3): the AWS managed Config rules of the requirements table are declared in each
 * region the table names (the recovery region included), scoped as it says, with its parameters, so that after
 * deploy Config keeps checking in the account what the synth-time checks proved; every infrastructure claim has
 * rules or a stated reason why none exists; and a Config rule of the platform turning NON_COMPLIANT reaches an
 * EventBridge rule in each region (alerting, or forwarding to the primary region).
 */
export const configRulesWatchEveryClaim: Check = {
  id: 'MONITOR2-ConfigRulesWatchEveryClaim',
  claims: COVERED_CLAIMS,
  description:
    "The AWS managed Config rules watching each claim's properties are declared in both regions as the requirements table says, and their non-compliance alerts",
  run: (assembly: PlatformAssembly): CheckResult[] => {
    return [...judgeCoverage(), ...perStage(assembly, judgeStage)];
  },
};

/** Every infrastructure claim has a rule in the table or a stated reason. */
function judgeCoverage(): CheckResult[] {
  const uncovered = CLAIMS.filter(
    (c) => c.kind === 'infrastructure' && !COVERED_CLAIMS.includes(c.id) && !CLAIMS_WITHOUT_CONFIG_RULE[c.id],
  );
  return uncovered.map((c) => fail(`${c.id}: no AWS Config rule in the requirements table and no reason why none`));
}

function regionOf(model: StageModel, role: PlatformRegionRole): string | undefined {
  return role === 'primary' ? model.environment.primaryRegion : model.environment.recoveryRegion;
}

function judgeStage(model: StageModel): CheckResult[] {
  const rules = managedConfigRules(model);
  const results: CheckResult[] = [];
  for (const requirement of CONTINUOUS_CONFIG_RULES) {
    for (const role of REGION_ROLES) {
      const scope = requirement.regions[role];
      if (scope === undefined) continue;
      const region = regionOf(model, role);
      const declared = rules.filter((r) => r.rule.region === region && r.identifier === requirement.identifier);
      const targets: (WatchedBucket | undefined)[] = typeof scope === 'string' ? [undefined] : [...scope];
      for (const bucket of targets) {
        results.push(judgeRule(model, requirement, scope, `${model.name}, ${region ?? role}`, declared, bucket));
      }
    }
  }
  return [...results, ...judgeAlerting(model)];
}

function judgeRule(
  model: StageModel,
  requirement: ConfigRuleRequirement,
  scope: RuleScope,
  where: string,
  declared: readonly ManagedConfigRule[],
  bucket: WatchedBucket | undefined,
): CheckResult {
  const subject = `${where}: ${requirement.identifier}${bucket ? ` on the ${bucket} bucket` : ''} (${requirement.claims.join(', ')})`;
  const bucketName = new RegExp(`^${model.name}-${bucket}-\\d{12}-`);
  const scoped = declared.filter(({ rule }) => {
    const id = rule.props.Scope?.ComplianceResourceId;
    if (!bucket) return id === undefined;
    // A periodic rule names its bucket by its own resourceId parameter (Config scopes change triggers only).
    const parameter = rule.props.InputParameters?.resourceId;
    return [id, parameter].some((named) => bucketName.test(model.text(rule, named) ?? ''));
  });
  if (scoped.length === 0) return fail(`${subject}: not declared${bucket ? ' for that bucket' : ' account-wide'}`);
  const { rule } = scoped[0];
  const given = (key: string): unknown => model.literal(rule, rule.props.InputParameters?.[key]);
  const wrong = Object.entries(requirement.inputParameters ?? {}).filter(([key, value]) => {
    const actual = given(key);
    return typeof value === 'string' ? actual !== value : typeof actual !== 'string' || actual === '';
  });
  const misjudged = judgesWhat(model, requirement, scope, rule);
  if (misjudged) return fail(`${subject}: rule ${rule.logicalId} ${misjudged}`, rule.ref);
  return wrong.length
    ? fail(
        `${subject}: rule ${rule.logicalId} has ${wrong.map(([k]) => `${k} = ${JSON.stringify(given(k))}`).join(', ')}, expected ${wrong.map(([k, v]) => `${k} = ${JSON.stringify(typeof v === 'string' ? v : `<${v.from}>`)}`).join(', ')}`,
        rule.ref,
      )
    : pass(`${subject}: rule ${rule.logicalId}`, rule.ref);
}

/**
 * What the rule judges against what the table says: a `platform` rule that is change-triggered carries the platform
 * tag as its scope (without it, it judges the whole account and mails "a claim stopped holding" for other teams'
 * resources); a `hygiene` rule is named with the hygiene prefix (so it never alerts as a claim); others as named.
 */
function judgesWhat(
  model: StageModel,
  requirement: ConfigRuleRequirement,
  scope: RuleScope,
  rule: ModelResource<ConfigRuleProps>,
): string | undefined {
  const name = model.literal(rule, rule.props.ConfigRuleName);
  const hygienePrefix = hygieneConfigRuleNamePrefix(model.name);
  const hygieneName = typeof name === 'string' && name.startsWith(hygienePrefix);
  if (scope === 'hygiene') {
    return hygieneName
      ? undefined
      : `judges the whole account but is named ${JSON.stringify(name)}, not ${hygienePrefix}*: its findings would alert as a claim that stopped holding`;
  }
  if (hygieneName) return `is named as account hygiene (${name}) but watches the platform's own resources`;
  if (scope !== 'platform' || requirement.trigger !== 'change') return undefined;
  return model.text(rule, rule.props.Scope?.TagKey) === PLATFORM_TAG_KEY &&
    model.text(rule, rule.props.Scope?.TagValue) === model.name
    ? undefined
    : `has no scope ${PLATFORM_TAG_KEY}=${model.name}: it judges every resource of its type in the account`;
}

/** Each region has an enabled rule for the platform's Config rules turning NON_COMPLIANT, with a target. */
function judgeAlerting(model: StageModel): CheckResult[] {
  const prefix = configRuleNamePrefix(model.name);
  return REGION_ROLES.map((role) => {
    const region = regionOf(model, role);
    const rules = model
      .ofType<EventRuleProps>('AWS::Events::Rule')
      .filter((r) => r.region === region && routesNonCompliance(model, r, prefix));
    const where = `${model.name}, ${region ?? role}`;
    return rules.length
      ? pass(
          `${where}: Config rules ${prefix}* turning NON_COMPLIANT are routed by ${rules[0].logicalId}`,
          rules[0].ref,
        )
      : fail(`${where}: no enabled EventBridge rule routes Config rules ${prefix}* turning NON_COMPLIANT`);
  });
}

/** An enabled rule with a target whose pattern matches the platform's Config rules (or every rule) turning NON_COMPLIANT. */
function routesNonCompliance(model: StageModel, rule: ModelResource<EventRuleProps>, prefix: string): boolean {
  const { sources, detail } = patternView(model.literal(rule, rule.props.EventPattern));
  const result = isJsonObject(detail.newEvaluationResult) ? detail.newEvaluationResult : {};
  const names = asArray(detail.configRuleName);
  return (
    model.text(rule, rule.props.State) !== 'DISABLED' &&
    sources.includes('aws.config') &&
    asArray(result.complianceType).includes('NON_COMPLIANT') &&
    (names.length === 0 || JSON.stringify(names) === JSON.stringify([{ prefix }])) &&
    asArray(rule.props.Targets).length > 0
  );
}
