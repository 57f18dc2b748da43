/**
 * The role graph a bootstrap SQL script leaves: which roles it creates with or without LOGIN and which roles it
 * grants to which, read statement by statement in textual order (statements inside DO blocks and procedures
 * included, as if each ran once: the bootstrap's conditionals only guard what already holds). `%I` in a
 * `format('...')` literal is the role of each person the bootstrap's procedure creates; `CURRENT_USER`,
 * `SESSION_USER` and `CURRENT_ROLE` are the master user the bootstrap logs in as. A script that changes its own
 * identity (`SET ROLE`, `SET SESSION AUTHORIZATION`) cannot be judged and is reported as such.
 */

/** The role of each person, as the bootstrap's per-person statements name it. */
export const PERSON_PLACEHOLDER = '%I';

/** One role-to-role grant (`GRANT role TO member`), where it stands in the script. */
export interface RoleGrant {
  readonly role: string;
  readonly member: string;
  /** Offsets of the whole statement text (`GRANT a, b TO c`) in the script. */
  readonly start: number;
  readonly end: number;
  /** Every role and member the statement names (a statement may grant several). */
  readonly roles: readonly string[];
  readonly members: readonly string[];
}

export interface RoleGraph {
  /** Role name -> whether it may log in, after every statement; roles RDS creates are not listed. */
  readonly login: ReadonlyMap<string, boolean>;
  /** Grants in force after every statement (revoked ones removed). */
  readonly grants: readonly RoleGrant[];
  /** Why the script cannot be judged, when it cannot. */
  readonly problem?: string;
}

const NAME = String.raw`(?:"?[A-Za-z_][\w$]*"?|%I)`;
const LIST = String.raw`${NAME}(?:\s*,\s*${NAME})*`;
const STATEMENT = new RegExp(
  [
    String.raw`\bCREATE\s+(ROLE|USER)\s+(${NAME})([^;']*)`,
    String.raw`\bALTER\s+(?:ROLE|USER)\s+(${NAME})\s+(?:WITH\s+)?((?:NO)?LOGIN\b[^;']*)`,
    String.raw`\bGRANT\s+(${LIST})\s+TO\s+(${LIST})`,
    String.raw`\bREVOKE\s+(${LIST})\s+FROM\s+(${LIST})`,
  ].join('|'),
  'gi',
);
const IDENTITY_CHANGE = /\bSET\s+(?:SESSION\s+|LOCAL\s+)?(?:ROLE|SESSION\s+AUTHORIZATION)\b/gi;
const SESSION_IDENTITIES = new Set(['current_user', 'session_user', 'current_role']);

/** Comments blanked out (offsets kept), so that the spans of statements index the original text. */
function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, (c) => ' '.repeat(c.length));
}

function names(list: string, master: string): string[] {
  return list
    .split(',')
    .map((n) => n.trim().replace(/^"|"$/g, ''))
    .map((n) => (SESSION_IDENTITIES.has(n.toLowerCase()) ? master : n === PERSON_PLACEHOLDER ? n : n.toLowerCase()));
}

/** The role graph `sql` leaves when run by `master`. */
export function parseBootstrapSql(sql: string, master: string): RoleGraph {
  const text = withoutComments(sql);
  for (const m of text.matchAll(IDENTITY_CHANGE)) {
    // `ALTER ROLE x SET role = ...` sets a default for x's sessions; it does not change who runs the script.
    if (!/ALTER\s+(?:ROLE|USER)\s+\S+\s+$/i.test(text.slice(Math.max(0, m.index - 80), m.index))) {
      return { login: new Map(), grants: [], problem: `the SQL changes its own identity (${m[0]})` };
    }
  }
  const login = new Map<string, boolean>();
  let grants: RoleGrant[] = [];
  for (const m of text.matchAll(STATEMENT)) {
    const [, createKind, created, createOptions, altered, alterOptions, granted, grantees, revoked, revokees] = m;
    if (created) {
      const name = names(created, master)[0];
      const options = createOptions.toUpperCase();
      login.set(name, /\bNOLOGIN\b/.test(options) ? false : /\bLOGIN\b/.test(options) || /USER/i.test(createKind));
    } else if (altered) {
      const name = names(altered, master)[0];
      const canLogin = !/^NOLOGIN\b/i.test(alterOptions);
      // The procedure's second loop takes LOGIN from people no longer listed; a listed person keeps it.
      if (!(name === PERSON_PLACEHOLDER && !canLogin)) login.set(name, canLogin);
    } else if (granted) {
      const roles = names(granted, master);
      const members = names(grantees, master);
      const start = m.index;
      const end = m.index + m[0].length;
      for (const role of roles) for (const member of members) grants.push({ role, member, start, end, roles, members });
    } else if (revoked) {
      const roles = new Set(names(revoked, master));
      const members = new Set(names(revokees, master));
      grants = grants.filter((g) => !(roles.has(g.role) && members.has(g.member)));
    }
  }
  return { login, grants };
}

/**
 * The chain of grants by which `user` is a member of `role` (direct first, then through nested grants), or
 * undefined. RDS counts nested grants: "either directly or indirectly by nested grant access"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/database-authentication.html).
 */
export function membershipChain(graph: RoleGraph, user: string, role: string): RoleGrant[] | undefined {
  const seen = new Set([user]);
  const queue: { name: string; chain: RoleGrant[] }[] = [{ name: user, chain: [] }];
  while (queue.length) {
    const { name, chain } = queue.shift()!;
    for (const g of graph.grants.filter((x) => x.member === name)) {
      const next = [...chain, g];
      if (g.role === role) return next;
      if (!seen.has(g.role)) {
        seen.add(g.role);
        queue.push({ name: g.role, chain: next });
      }
    }
  }
  return undefined;
}

/** Every role `user` is a member of, directly or through nested grants, itself included. */
export function rolesOf(graph: RoleGraph, user: string): Set<string> {
  const found = new Set([user]);
  for (let grew = true; grew;) {
    grew = false;
    for (const g of graph.grants) {
      if (found.has(g.member) && !found.has(g.role)) {
        found.add(g.role);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * `sql` without the grants of `role` to any of `members`: each statement rewritten without them (the statement left
 * as `SELECT 1` when nothing remains), so the rest of the script reads as before.
 */
export function withoutGrants(sql: string, graph: RoleGraph, role: string, members: ReadonlySet<string>): string {
  const statements = new Map<number, RoleGrant>();
  for (const g of graph.grants) if (g.role === role && members.has(g.member)) statements.set(g.start, g);
  let out = sql;
  for (const g of [...statements.values()].sort((a, b) => b.start - a.start)) {
    const roles = g.roles.filter((r) => r !== role);
    const rewritten = roles.length ? `GRANT ${roles.join(', ')} TO ${g.members.join(', ')}` : 'SELECT 1';
    out = out.slice(0, g.start) + rewritten + out.slice(g.end);
  }
  return out;
}
