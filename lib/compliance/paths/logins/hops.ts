import type { DatabaseLoginMethod } from '../../../core/requirements/paths/logins';
import type { HopRecord } from '../path-record';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray, partitionOf } from '../../template/template-values';
import { membershipChain, PERSON_PLACEHOLDER } from './bootstrap-sql';
import { HopFacts, hopMutations, LoginHopKind } from './hop-mutations';
import { LocatedStatement, rolePolicies, wildcardMatch } from './identity-policies';
import type { LoginWorld } from './login-world';
import { attributeToken, symbolicText } from './template-text';

const RDS_IAM = 'rds_iam';
const display = (user: string) => (user === PERSON_PLACEHOLDER ? "each person's role" : user);

/** A hop record with the mutations its kind generates for the verdict found. */
export function hop(
  kind: LoginHopKind,
  verdict: 'pass' | 'block',
  detail: string,
  resource: ModelResource,
  property: string,
  facts: HopFacts,
): HopRecord {
  return { hop: kind, verdict, detail, resource: resource.ref, property, mutations: hopMutations(facts, verdict) };
}

/** The bootstrap carries the SQL it runs, with the digest the function checks; else the roles cannot be read. */
export function bootstrapSqlHop(world: LoginWorld, expectation: 'required' | 'forbidden'): HopRecord {
  const problem = world.sqlProblem ?? world.graph?.problem;
  const readable = problem === undefined;
  return hop(
    'bootstrap-sql',
    // Fail closed: SQL that cannot be read rules no login out, and proves none in.
    readable || expectation === 'forbidden' ? 'pass' : 'block',
    readable
      ? `the bootstrap carries its SQL (${world.sql!.length} characters) and its SHA-256 beside it`
      : `${problem}; ${expectation === 'forbidden' ? 'nothing rules this login out' : 'no login can be proven'}`,
    world.bootstrap,
    'Sql',
    { kind: 'bootstrap-sql', world },
  );
}

/** RDS accepts IAM tokens only where the cluster has IAM database authentication on. */
export function clusterIamHop(world: LoginWorld): HopRecord {
  const enabled = world.cluster.props.EnableIAMDatabaseAuthentication === true;
  return hop(
    'cluster-iam-authentication',
    enabled ? 'pass' : 'block',
    `IAM database authentication is ${enabled ? 'on' : 'off'} for cluster ${world.cluster.logicalId}`,
    world.cluster,
    'EnableIAMDatabaseAuthentication',
    { kind: 'cluster-iam-authentication', world, enabled },
  );
}

/** `MasterUserAuthenticationType: iam-db-auth` makes the master user IAM-only. */
export function masterAuthenticationHop(world: LoginWorld, method: DatabaseLoginMethod): HopRecord {
  const iamOnly = world.cluster.props.MasterUserAuthenticationType === 'iam-db-auth';
  return hop(
    'master-authentication-type',
    iamOnly === (method === 'iam-token') ? 'pass' : 'block',
    `the master user authenticates by ${iamOnly ? 'IAM token (iam-db-auth)' : 'password'}`,
    world.cluster,
    'MasterUserAuthenticationType',
    { kind: 'master-authentication-type', world, iamOnly },
  );
}

/** The role exists with LOGIN once the SQL has run (RDS creates the master user with LOGIN). */
export function roleLoginHop(world: LoginWorld, user: string): HopRecord {
  const declared = world.graph!.login.get(user);
  const canLogin = declared ?? user === world.master;
  return hop(
    'role-login',
    canLogin ? 'pass' : 'block',
    declared === undefined && user !== world.master
      ? `the SQL creates no role ${display(user)}`
      : `${display(user)} ${canLogin ? 'has' : 'lacks'} LOGIN after the SQL`,
    world.bootstrap,
    'Sql',
    { kind: 'role-login', world, user, canLogin },
  );
}

/**
 * RDS: a member of rds_iam, directly or through nested grants, logs in with an IAM token only, any other role with
 * its password only (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/database-authentication.html).
 */
export function rdsIamHop(world: LoginWorld, user: string, method: DatabaseLoginMethod): HopRecord {
  const chain = membershipChain(world.graph!, user, RDS_IAM);
  const member = chain !== undefined;
  const how = chain ? chain.map((g) => `${g.role} to ${display(g.member)}`).join(', then ') : '';
  return hop(
    'rds-iam-membership',
    member === (method === 'iam-token') ? 'pass' : 'block',
    member
      ? `${display(user)} is a member of rds_iam (granted ${how}): it logs in by IAM token only`
      : `${display(user)} is no member of rds_iam, directly or nested: it logs in by password only`,
    world.bootstrap,
    'Sql',
    { kind: 'rds-iam-membership', world, user, member },
  );
}

/**
 * The principal's identity policies allow `rds-db:connect` on the database user's ARN
 * (`arn:<partition>:rds-db:<region>:<account>:dbuser:<cluster resource id>/<user>`). A simple Allow reader: Allow
 * statements whose Action and Resource match, no Deny that matches; a statement with a condition, NotAction or
 * NotResource, or a policy the templates do not hold, is undecided, which fails a required path and counts as
 * allowing on a forbidden one.
 */
export function rdsDbConnectHop(
  model: StageModel,
  world: LoginWorld,
  role: ModelResource,
  user: string,
  expectation: 'required' | 'forbidden',
): HopRecord {
  const region = world.cluster.region;
  const account = world.cluster.stack.account;
  const arn = `arn:${partitionOf(region)}:rds-db:${region}:${account}:dbuser:${attributeToken({ resource: world.cluster, attribute: 'DBClusterResourceId' })}/${user}`;
  const policies = rolePolicies(model, role);
  const render = (r: { resource: ModelResource; attribute: string }) =>
    r.resource === world.bootstrap && r.attribute === 'ApplicationRole' ? world.application : attributeToken(r);
  const judged = policies.statements.map((s) => ({ s, verdict: judge(model, s, arn, render) }));
  const allowing = judged.filter((j) => j.verdict === 'allow').map((j) => j.s);
  const denied = judged.some((j) => j.verdict === 'deny');
  const undecided = judged.filter((j) => j.verdict === 'undecided').length + policies.unread.length;
  const boundary = role.props.PermissionsBoundary !== undefined;
  const allowed = allowing.length > 0 && !denied && !boundary;
  const verdict = allowed || (expectation === 'forbidden' && !denied && undecided > 0) ? 'pass' : 'block';
  return hop(
    'rds-db-connect',
    verdict,
    `${role.logicalId} ${allowed ? 'is allowed' : 'is not allowed'} rds-db:connect as ${user} (${allowing.length} allowing statement(s)${denied ? ', a Deny' : ''}${undecided ? `, ${undecided} undecided` : ''}${boundary ? ', a permissions boundary not read' : ''})`,
    role,
    'Policies',
    { kind: 'rds-db-connect', role, allowing, appendAt: policies.appendAt },
  );
}

type StatementVerdict = 'allow' | 'deny' | 'none' | 'undecided';

function judge(
  model: StageModel,
  located: LocatedStatement,
  arn: string,
  render: (r: { resource: ModelResource; attribute: string }) => string | undefined,
): StatementVerdict {
  const s = located.statement;
  if (s.NotAction !== undefined || s.NotResource !== undefined) return 'undecided';
  const actions = asArray(s.Action).filter((a): a is string => typeof a === 'string');
  if (!actions.some((a) => wildcardMatch(a, 'rds-db:connect', true))) return 'none';
  const resources = asArray(s.Resource).map((r) => symbolicText(model, located.policy.stack, r, render));
  const matches = resources.some((r) => r !== undefined && wildcardMatch(r, arn));
  const unreadable = resources.some((r) => r === undefined);
  if (s.Effect === 'Deny') return matches ? (s.Condition === undefined ? 'deny' : 'undecided') : 'none';
  if (!matches) return unreadable ? 'undecided' : 'none';
  return s.Condition === undefined ? 'allow' : 'undecided';
}
