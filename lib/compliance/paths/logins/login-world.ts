import * as crypto from 'crypto';
import { DatabaseLoginUser, LOGIN_PATH_ROLES } from '../../../core/requirements/paths/logins';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { parseBootstrapSql, PERSON_PLACEHOLDER, RoleGraph } from './bootstrap-sql';

/** The cluster and bootstrap a login path reads, parsed once per model. */
export interface LoginWorld {
  readonly cluster: ModelResource;
  readonly bootstrap: ModelResource;
  /** The master user (the cluster's `MasterUsername`). */
  readonly master?: string;
  /** The application's role (the bootstrap's `ApplicationRole`). */
  readonly application?: string;
  /** The dump's read-only role (the bootstrap's `DumpReaderRole`). */
  readonly dumpReader?: string;
  /** The SQL the bootstrap carries, when it carries one whose digest is the one declared beside it. */
  readonly sql?: string;
  readonly graph?: RoleGraph;
  /** Why the SQL cannot be read, when it cannot. */
  readonly sqlProblem?: string;
}

export const loginWorld = (model: StageModel): LoginWorld => model.index('logins/world', buildWorld);

function buildWorld(model: StageModel): LoginWorld {
  const cluster = model.theOne(LOGIN_PATH_ROLES.cluster);
  const bootstrap = model.theOne(LOGIN_PATH_ROLES.bootstrap);
  const master = typeof cluster.props.MasterUsername === 'string' ? cluster.props.MasterUsername : undefined;
  const application = typeof bootstrap.props.ApplicationRole === 'string' ? bootstrap.props.ApplicationRole : undefined;
  const sql = bootstrap.props.Sql;
  const digest = bootstrap.props.SqlDigest;
  const dumpReader = typeof bootstrap.props.DumpReaderRole === 'string' ? bootstrap.props.DumpReaderRole : undefined;
  const base = { cluster, bootstrap, master, application, dumpReader };
  if (typeof sql !== 'string') {
    return {
      ...base,
      sqlProblem: 'the bootstrap resource carries no SQL (Sql), so the roles it creates cannot be read',
    };
  }
  if (sqlDigest(sql) !== digest) {
    return {
      ...base,
      sqlProblem: `the bootstrap's SqlDigest is not the SHA-256 of its Sql, so the function refuses it`,
    };
  }
  if (!master) return { ...base, sqlProblem: 'the cluster names no MasterUsername, so CURRENT_USER cannot be read' };
  return { ...base, sql, graph: parseBootstrapSql(sql, master) };
}

export const sqlDigest = (sql: string): string => crypto.createHash('sha256').update(sql).digest('hex');

/** The database role a requirement's user names in this world, or undefined when the templates do not say. */
export function userName(world: LoginWorld, user: DatabaseLoginUser): string | undefined {
  switch (user) {
    case 'master':
      return world.master;
    case 'application':
      return world.application;
    case 'dump-reader':
      return world.dumpReader;
    case 'person':
      return PERSON_PLACEHOLDER;
  }
}
