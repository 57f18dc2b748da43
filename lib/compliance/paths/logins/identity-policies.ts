import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';

/** One statement of a role's identity policies, where it stands (for a mutation that removes it). */
export interface LocatedStatement {
  readonly statement: Record<string, unknown>;
  readonly policy: ModelResource;
  /** Path of the statement inside `policy` (`['Properties', 'PolicyDocument', 'Statement', 0]`). */
  readonly path: readonly (string | number)[];
}

/** A role's identity policies as IAM reads them: inline, attached policy resources and managed policies. */
export interface RolePolicies {
  readonly statements: readonly LocatedStatement[];
  /** Managed policy ARNs that are no resource of the templates (AWS managed, or another stack's): unread. */
  readonly unread: readonly string[];
  /** Where a statement can be added (the first policy document the role has). */
  readonly appendAt?: {
    readonly policy: ModelResource;
    readonly path: readonly (string | number)[];
    readonly statements: number;
  };
}

const statementsOf = (document: unknown): unknown[] =>
  asArray((document as { Statement?: unknown } | undefined)?.Statement);

function located(policy: ModelResource, base: readonly (string | number)[], document: unknown): LocatedStatement[] {
  return statementsOf(document).map((s, i) => ({
    statement: s as Record<string, unknown>,
    policy,
    path: [...base, 'Statement', i],
  }));
}

/** Role key -> its policies, built once per model. */
export function rolePolicies(model: StageModel, role: ModelResource): RolePolicies {
  return (
    model.index('logins/role-policies', buildRolePolicies).get(`${role.stackName}/${role.logicalId}`) ?? {
      statements: [],
      unread: [],
    }
  );
}

function buildRolePolicies(model: StageModel): Map<string, RolePolicies> {
  const byRole = new Map<
    string,
    { statements: LocatedStatement[]; unread: string[]; appendAt?: RolePolicies['appendAt'] }
  >();
  const entry = (role: ModelResource) => {
    const key = `${role.stackName}/${role.logicalId}`;
    const found = byRole.get(key) ?? { statements: [], unread: [] };
    byRole.set(key, found);
    return found;
  };
  for (const role of model.ofType('AWS::IAM::Role')) {
    const e = entry(role);
    asArray(role.props.Policies).forEach((p, i) => {
      const base = ['Properties', 'Policies', i, 'PolicyDocument'];
      e.statements.push(...located(role, base, (p as { PolicyDocument?: unknown }).PolicyDocument));
      e.appendAt ??= {
        policy: role,
        path: base,
        statements: statementsOf((p as { PolicyDocument?: unknown }).PolicyDocument).length,
      };
    });
    for (const arn of asArray(role.props.ManagedPolicyArns)) {
      const managed = model.resolve(role, arn);
      if (managed?.type === 'AWS::IAM::ManagedPolicy') {
        e.statements.push(...located(managed, ['Properties', 'PolicyDocument'], managed.props.PolicyDocument));
      } else {
        e.unread.push(model.text(role, arn) ?? JSON.stringify(arn));
      }
    }
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const policy of model.ofType(type)) {
      for (const role of model.resolveAll(policy, policy.props.Roles)) {
        const e = entry(role);
        e.statements.push(...located(policy, ['Properties', 'PolicyDocument'], policy.props.PolicyDocument));
        e.appendAt ??= {
          policy,
          path: ['Properties', 'PolicyDocument'],
          statements: statementsOf(policy.props.PolicyDocument).length,
        };
      }
    }
  }
  return byRole;
}

/** IAM's wildcard match (`*` any run, `?` one character), case-sensitive as for resources. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}
