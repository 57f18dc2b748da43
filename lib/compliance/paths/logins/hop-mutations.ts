import type { TemplateMutation } from '../path-record';
import type { ModelResource } from '../../template/stage-model';
import { PERSON_PLACEHOLDER, rolesOf, withoutGrants } from './bootstrap-sql';
import type { LocatedStatement } from './identity-policies';
import { LoginWorld, sqlDigest } from './login-world';

/** The kinds of hop a database login passes, each read where RDS, IAM or the client reads it. */
export type LoginHopKind =
  | 'bootstrap-sql'
  | 'cluster-iam-authentication'
  | 'master-authentication-type'
  | 'role-login'
  | 'rds-iam-membership'
  | 'rds-db-connect'
  | 'client-credentials';

/** What a hop found, as much as its mutations need: one shape per hop kind. */
export type HopFacts =
  | { readonly kind: 'bootstrap-sql'; readonly world: LoginWorld }
  | { readonly kind: 'cluster-iam-authentication'; readonly world: LoginWorld; readonly enabled: boolean }
  | { readonly kind: 'master-authentication-type'; readonly world: LoginWorld; readonly iamOnly: boolean }
  | { readonly kind: 'role-login'; readonly world: LoginWorld; readonly user: string; readonly canLogin: boolean }
  | {
      readonly kind: 'rds-iam-membership';
      readonly world: LoginWorld;
      readonly user: string;
      readonly member: boolean;
    }
  | {
      readonly kind: 'rds-db-connect';
      readonly role: ModelResource;
      readonly allowing: readonly LocatedStatement[];
      readonly appendAt?: {
        readonly policy: ModelResource;
        readonly path: readonly (string | number)[];
        /** How many statements the document has: the added one goes after them. */
        readonly statements: number;
      };
    }
  | {
      readonly kind: 'client-credentials';
      /** Changes that give the client another user or method (when it passes) or this one (when it blocks). */
      readonly toggles: readonly TemplateMutation[];
    };

/**
 * The mutations that flip a hop, by the property AWS (or the bootstrap's SQL, which RDS then acts on) reads there;
 * one generator per hop kind, never per path, so a path added later is mutation-tested with no new code.
 */
export function hopMutations(facts: HopFacts, verdict: 'pass' | 'block'): TemplateMutation[] {
  const passes = verdict === 'pass';
  switch (facts.kind) {
    case 'bootstrap-sql':
      return passes ? [bootstrapProps(facts.world, 'SqlDigest: another digest', { SqlDigest: '0'.repeat(64) })] : [];
    case 'cluster-iam-authentication':
      return [
        clusterProp(
          facts.world,
          'EnableIAMDatabaseAuthentication',
          !facts.enabled,
          `EnableIAMDatabaseAuthentication: ${!facts.enabled}`,
        ),
      ];
    case 'master-authentication-type':
      return facts.iamOnly
        ? [
            {
              ...clusterProp(
                facts.world,
                'MasterUserAuthenticationType',
                undefined,
                'MasterUserAuthenticationType removed (password)',
              ),
              remove: true,
            },
          ]
        : [
            clusterProp(
              facts.world,
              'MasterUserAuthenticationType',
              'iam-db-auth',
              'MasterUserAuthenticationType: iam-db-auth',
            ),
          ];
    case 'role-login':
      // A person's role is made by a per-person statement; a statement appended to the script cannot name it.
      if (facts.user === PERSON_PLACEHOLDER) return [];
      return [
        withSql(
          facts.world,
          `appends ALTER ROLE ${facts.user} ${facts.canLogin ? 'NOLOGIN' : 'LOGIN'}`,
          (sql) => `${sql}\nALTER ROLE ${facts.user} ${facts.canLogin ? 'NOLOGIN' : 'LOGIN'};\n`,
        ),
      ];
    case 'rds-iam-membership':
      return [membershipMutation(facts.world, facts.user, facts.member)];
    case 'rds-db-connect':
      if (passes) {
        // Removed from the last index down, so earlier indexes still point at their statements.
        return [...facts.allowing]
          .sort((a, b) => Number(b.path[b.path.length - 1]) - Number(a.path[a.path.length - 1]))
          .map((s) => ({
            description: `rds-db:connect statement ${s.path.join('.')} of ${s.policy.logicalId} removed`,
            stackName: s.policy.stackName,
            logicalId: s.policy.logicalId,
            path: s.path,
            remove: true,
          }));
      }
      return facts.appendAt
        ? [
            {
              description: `an Allow of rds-db:connect on * added to ${facts.appendAt.policy.logicalId}`,
              stackName: facts.appendAt.policy.stackName,
              logicalId: facts.appendAt.policy.logicalId,
              // Past the end of the statement list: applyMutations writes it there, and IAM reads it as one more.
              path: [...facts.appendAt.path, 'Statement', facts.appendAt.statements],
              value: { Effect: 'Allow', Action: 'rds-db:connect', Resource: '*' },
            },
          ]
        : [];
    case 'client-credentials':
      return [...facts.toggles];
  }
}

/** The SQL mutation of a membership: the grants that make it taken out, or the first version's fault put in. */
function membershipMutation(world: LoginWorld, user: string, member: boolean): TemplateMutation {
  const graph = world.graph!;
  if (member) {
    const held = rolesOf(graph, user);
    return withSql(world, `the grants of rds_iam to ${user} (or a role it is a member of) taken out`, (sql) =>
      withoutGrants(sql, graph, 'rds_iam', held),
    );
  }
  // A nested grant, as the first version had it: membership of a login role that holds rds_iam.
  const holder = [...new Set(graph.grants.filter((g) => g.role === 'rds_iam').map((g) => g.member))].find(
    (m) => m !== PERSON_PLACEHOLDER && m !== user,
  );
  const grantee = user === PERSON_PLACEHOLDER ? 'db_people' : user;
  const statement = `GRANT ${holder ?? 'rds_iam'} TO ${grantee};`;
  return withSql(world, `appends ${statement}`, (sql) => `${sql}\n${statement}\n`);
}

/** A change of the SQL the bootstrap carries, with the digest declared beside it kept true. */
function withSql(world: LoginWorld, description: string, change: (sql: string) => string): TemplateMutation {
  const sql = change(world.sql ?? '');
  return bootstrapProps(world, `bootstrap SQL ${description}`, { Sql: sql, SqlDigest: sqlDigest(sql) });
}

function bootstrapProps(world: LoginWorld, description: string, changes: Record<string, unknown>): TemplateMutation {
  return {
    description,
    stackName: world.bootstrap.stackName,
    logicalId: world.bootstrap.logicalId,
    path: ['Properties'],
    value: { ...world.bootstrap.props, ...changes },
  };
}

function clusterProp(world: LoginWorld, property: string, value: unknown, description: string): TemplateMutation {
  return {
    description,
    stackName: world.cluster.stackName,
    logicalId: world.cluster.logicalId,
    path: ['Properties', property],
    value,
  };
}
