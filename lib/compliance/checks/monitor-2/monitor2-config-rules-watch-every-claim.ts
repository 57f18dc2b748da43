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
import { Check, CheckResult, fail, pass, perEnvironment } from '../check';
import { PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, PlatformEnvironment, prop, resourcesIn } from '../../template/template-values';
import { managedConfigRules } from '../../continuity/config-rules-by-claim';

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
    return [...judgeCoverage(), ...perEnvironment(assembly, judgeEnvironment)];
  },
};

/** Every infrastructure claim has a rule in the table or a stated reason. */
function judgeCoverage(): CheckResult[] {
  const uncovered = CLAIMS.filter(
    (c) => c.kind === 'infrastructure' && !COVERED_CLAIMS.includes(c.id) && !CLAIMS_WITHOUT_CONFIG_RULE[c.id],
  );
  return uncovered.map((c) => fail(`${c.id}: no AWS Config rule in the requirements table and no reason why none`));
}

function judgeEnvironment(env: PlatformEnvironment): CheckResult[] {
  const regionOf: Record<PlatformRegionRole, string | undefined> = {
    primary: env.primaryRegion,
    recovery: env.recoveryRegion,
  };
  const results: CheckResult[] = [];
  for (const requirement of CONTINUOUS_CONFIG_RULES) {
    for (const [role, scope] of Object.entries(requirement.regions) as [PlatformRegionRole, RuleScope][]) {
      const region = regionOf[role];
      const declared = managedConfigRules(new PlatformAssembly(env.stacks.filter((s) => s.region === region))).filter(
        (r) => r.identifier === requirement.identifier,
      );
      const targets: (WatchedBucket | undefined)[] = typeof scope === 'string' ? [undefined] : [...scope];
      for (const bucket of targets) {
        results.push(judgeRule(env, requirement, scope, `${env.name}, ${region ?? role}`, declared, bucket));
      }
    }
  }
  return [...results, ...judgeAlerting(env, regionOf)];
}

function judgeRule(
  env: PlatformEnvironment,
  requirement: ConfigRuleRequirement,
  scope: RuleScope,
  where: string,
  declared: ReturnType<typeof managedConfigRules>,
  bucket: WatchedBucket | undefined,
): CheckResult {
  const subject = `${where}: ${requirement.identifier}${bucket ? ` on the ${bucket} bucket` : ''} (${requirement.claims.join(', ')})`;
  const bucketName = new RegExp(`^${env.name}-${bucket}-\\d{12}-`);
  const scoped = declared.filter(({ rule }) => {
    const id = ((prop(rule, 'Scope') ?? {}) as { ComplianceResourceId?: unknown }).ComplianceResourceId;
    // A periodic rule names its bucket by its own resourceId parameter (Config scopes change triggers only).
    const parameter = ((prop(rule, 'InputParameters') ?? {}) as { resourceId?: unknown }).resourceId;
    if (!bucket) return id === undefined;
    return [id, parameter].some((named) => typeof named === 'string' && bucketName.test(named));
  });
  if (scoped.length === 0) return fail(`${subject}: not declared${bucket ? ' for that bucket' : ' account-wide'}`);
  const { rule } = scoped[0];
  const given = (prop(rule, 'InputParameters') ?? {}) as Record<string, unknown>;
  const wrong = Object.entries(requirement.inputParameters ?? {}).filter(([key, value]) =>
    typeof value === 'string' ? given[key] !== value : typeof given[key] !== 'string' || given[key] === '',
  );
  const misjudged = judgesWhat(env, requirement, scope, rule);
  if (misjudged) return fail(`${subject}: rule ${rule.logicalId} ${misjudged}`, toRef(rule));
  return wrong.length
    ? fail(
        `${subject}: rule ${rule.logicalId} has ${wrong.map(([k]) => `${k} = ${JSON.stringify(given[k])}`).join(', ')}, expected ${wrong.map(([k, v]) => `${k} = ${JSON.stringify(typeof v === 'string' ? v : `<${v.from}>`)}`).join(', ')}`,
        toRef(rule),
      )
    : pass(`${subject}: rule ${rule.logicalId}`, toRef(rule));
}

/**
 * What the rule judges against what the table says: a `platform` rule that is change-triggered carries the platform
 * tag as its scope (without it, it judges the whole account and mails "a claim stopped holding" for other teams'
 * resources); a `hygiene` rule is named with the hygiene prefix (so it never alerts as a claim); others as named.
 */
function judgesWhat(
  env: PlatformEnvironment,
  requirement: ConfigRuleRequirement,
  scope: RuleScope,
  rule: Parameters<typeof prop>[0],
): string | undefined {
  const name = prop(rule, 'ConfigRuleName');
  const hygieneName = typeof name === 'string' && name.startsWith(hygieneConfigRuleNamePrefix(env.name));
  if (scope === 'hygiene') {
    return hygieneName
      ? undefined
      : `judges the whole account but is named ${JSON.stringify(name)}, not ${hygieneConfigRuleNamePrefix(env.name)}*: its findings would alert as a claim that stopped holding`;
  }
  if (hygieneName) return `is named as account hygiene (${String(name)}) but watches the platform's own resources`;
  if (scope !== 'platform' || requirement.trigger !== 'change') return undefined;
  const tag = (prop(rule, 'Scope') ?? {}) as { TagKey?: unknown; TagValue?: unknown };
  return tag.TagKey === PLATFORM_TAG_KEY && tag.TagValue === env.name
    ? undefined
    : `has no scope ${PLATFORM_TAG_KEY}=${env.name}: it judges every resource of its type in the account`;
}

/** Each region has an enabled rule for the platform's Config rules turning NON_COMPLIANT, with a target. */
function judgeAlerting(
  env: PlatformEnvironment,
  regionOf: Record<PlatformRegionRole, string | undefined>,
): CheckResult[] {
  const prefix = configRuleNamePrefix(env.name);
  return (Object.entries(regionOf) as [PlatformRegionRole, string | undefined][]).map(([role, region]) => {
    const rules = resourcesIn(
      env.stacks.filter((s) => s.region === region),
      'AWS::Events::Rule',
    ).filter((r) => {
      const pattern = (prop(r, 'EventPattern') ?? {}) as {
        source?: unknown;
        detail?: { newEvaluationResult?: { complianceType?: unknown }; configRuleName?: unknown };
      };
      const names = asArray<unknown>(pattern.detail?.configRuleName);
      return (
        prop(r, 'State') !== 'DISABLED' &&
        asArray(pattern.source).includes('aws.config') &&
        asArray(pattern.detail?.newEvaluationResult?.complianceType).includes('NON_COMPLIANT') &&
        (names.length === 0 || JSON.stringify(names) === JSON.stringify([{ prefix }])) &&
        asArray(prop(r, 'Targets')).length > 0
      );
    });
    const where = `${env.name}, ${region ?? role}`;
    return rules.length
      ? pass(
          `${where}: Config rules ${prefix}* turning NON_COMPLIANT are routed by ${rules[0].logicalId}`,
          toRef(rules[0]),
        )
      : fail(`${where}: no enabled EventBridge rule routes Config rules ${prefix}* turning NON_COMPLIANT`);
  });
}
