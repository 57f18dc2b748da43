import { PLATFORM_ROLES, PlatformRole, RoleCardinality } from '../../core/platform-roles';
import type { FlowRequirement, FlowResourceSelector } from '../../core/requirements/flows';
import { rolesNamedBy } from '../../core/requirements/flows';
import type { ModelResource, StageModel } from '../template/stage-model';
import { asArray } from '../template/template-values';

const CARDINALITY: Readonly<Record<RoleCardinality, { holds: (n: number) => boolean; words: string }>> = {
  one: { holds: (n) => n === 1, words: 'exactly one resource must declare it' },
  some: { holds: (n) => n >= 1, words: 'at least one resource must declare it' },
  optional: { holds: (n) => n <= 1, words: 'at most one resource may declare it' },
};

/**
 * Each role the flow names that is declared other than its cardinality says, in words naming the role: the flow
 * then fails (a role declared nowhere would select nothing, or silently shrink an `everyRoleExcept`).
 */
export function roleDeclarationProblems(stage: StageModel, flow: FlowRequirement): string[] {
  return rolesNamedBy(flow).flatMap((role) => {
    const found = stage.withRole(role);
    const { cardinality, description } = PLATFORM_ROLES[role];
    if (CARDINALITY[cardinality].holds(found.length)) return [];
    const where = found.length ? `: ${found.map((r) => `${r.stackName}/${r.logicalId}`).join(', ')}` : '';
    return [
      `role '${role}' (${description}) is declared ${found.length} times in environment ${stage.name}${where}; ${CARDINALITY[cardinality].words} (declarePlatformRole)`,
    ];
  });
}

/** The resources a selector names: by the roles they declared, or every resource of a type. */
export function selectResources(stage: StageModel, s: FlowResourceSelector): ModelResource[] {
  if ('type' in s) return stage.ofType(s.type);
  const roles: readonly PlatformRole[] = 'role' in s ? [s.role] : s.roles;
  return [...new Set(roles.flatMap((role) => stage.withRole(role)))];
}

/** EventBridge rules by each target resource (`<stack>/<logical id>`), built once per model. */
function rulesByTarget(stage: StageModel): ReadonlyMap<string, readonly ModelResource[]> {
  return stage.index('flows:event-rules-by-target', (model) => {
    const byTarget = new Map<string, ModelResource[]>();
    for (const rule of model.ofType('AWS::Events::Rule')) {
      for (const target of asArray<{ Arn?: unknown }>(rule.props.Targets)) {
        const resource = model.resolve(rule, target.Arn);
        if (!resource) continue;
        const key = `${resource.stackName}/${resource.logicalId}`;
        const rules = byTarget.get(key) ?? [];
        if (!rules.includes(rule)) byTarget.set(key, [...rules, rule]);
      }
    }
    return byTarget;
  });
}

/** The EventBridge rules with a target among `targets`. */
export function eventRulesTargeting(stage: StageModel, targets: readonly ModelResource[]): ModelResource[] {
  const index = rulesByTarget(stage);
  return [...new Set(targets.flatMap((t) => index.get(`${t.stackName}/${t.logicalId}`) ?? []))];
}
