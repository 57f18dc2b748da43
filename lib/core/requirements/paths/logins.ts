import type { ClaimId } from '../../claims/claim';
import type { PlatformRole } from '../../platform-roles';

/** How a client authenticates to the database: the role's password, or an IAM authentication token. */
export type DatabaseLoginMethod = 'password' | 'iam-token';

/**
 * Who logs in, selected by the role its construct declared:
 * - `service`: the service tasks (container environment `DB_USER`, `DB_AUTH`; identity: the task role);
 * - `dump`: the dump task (secrets `PGUSER`, `PGPASSWORD` from one secret; identity: the task role);
 * - `bootstrap`: the bootstrap function (the master secret named by `MASTER_SECRET_ARN`);
 * - `anyone`: whoever holds a credential of the method (a forbidden path quantifies over every client).
 */
export type DatabaseLoginClient = 'service' | 'dump' | 'bootstrap' | 'anyone';

/**
 * The database role logged in as: `master` is the cluster's master user, `application` the role the bootstrap
 * declares for the application (`ApplicationRole`), `dump-reader` the dump's read-only role it declares
 * (`DumpReaderRole`), `person` every role the bootstrap creates for a person.
 */
export type DatabaseLoginUser = 'master' | 'application' | 'dump-reader' | 'person';

/** A database login a claim relies on (required) or rules out (forbidden), evaluated as RDS decides it. */
export interface LoginPathRequirement {
  readonly id: string;
  readonly claim: ClaimId;
  readonly expectation: 'required' | 'forbidden';
  readonly description: string;
  readonly client: DatabaseLoginClient;
  readonly user: DatabaseLoginUser;
  readonly method: DatabaseLoginMethod;
}

/** The resources a login path reads, by the roles their constructs declare. */
export const LOGIN_PATH_ROLES = {
  cluster: 'database-cluster',
  bootstrap: 'database-bootstrap',
  bootstrapFunction: 'bootstrap-function',
  serviceTaskDefinition: 'service-task-definition',
  serviceTaskRole: 'service-task-role',
  dumpTaskDefinition: 'dump-task-definition',
  dumpTaskRole: 'dump-task-role',
} as const satisfies Record<string, PlatformRole>;

export const LOGIN_PATHS_REQUIRED: readonly LoginPathRequirement[] = [
  {
    id: 'service-logs-in-as-application-by-iam-token',
    claim: 'MONITOR-1',
    expectation: 'required',
    description:
      "the service tasks log in as the application's role with an IAM token (their task role signs it), never a password",
    client: 'service',
    user: 'application',
    method: 'iam-token',
  },
  {
    id: 'dump-logs-in-as-dump-reader-by-password',
    claim: 'REST-3',
    expectation: 'required',
    description:
      "the nightly dump logs in as its own read-only role with that role's secret (the one the bootstrap sets its password from), every night",
    client: 'dump',
    user: 'dump-reader',
    method: 'password',
  },
  {
    id: 'bootstrap-logs-in-as-master-by-password',
    claim: 'MONITOR-1',
    expectation: 'required',
    description: 'the bootstrap of every later deploy (and its rollback) logs in as the master user with its password',
    client: 'bootstrap',
    user: 'master',
    method: 'password',
  },
];

export const LOGIN_PATHS_FORBIDDEN: readonly LoginPathRequirement[] = [
  {
    id: 'no-password-login-as-application',
    claim: 'MONITOR-1',
    expectation: 'forbidden',
    description: "nobody logs in as the application's role with a password: its sessions are IAM-authenticated only",
    client: 'anyone',
    user: 'application',
    method: 'password',
  },
  {
    id: 'no-password-login-as-person',
    claim: 'MONITOR-1',
    expectation: 'forbidden',
    description: "nobody logs in as a person's role with a password: each person signs a token with their own identity",
    client: 'anyone',
    user: 'person',
    method: 'password',
  },
  {
    id: 'no-dump-login-as-master',
    claim: 'MONITOR-1',
    expectation: 'forbidden',
    description:
      "the dump task cannot log in as the master user: it is handed its own role's secret, never the master's",
    client: 'dump',
    user: 'master',
    method: 'password',
  },
  {
    id: 'no-iam-login-as-master-from-service',
    claim: 'MONITOR-1',
    expectation: 'forbidden',
    description: 'the service tasks cannot log in as the master user with an IAM token',
    client: 'service',
    user: 'master',
    method: 'iam-token',
  },
];

/** Every database login path of the platform, required and forbidden. */
export const LOGIN_PATH_REQUIREMENTS: readonly LoginPathRequirement[] = [
  ...LOGIN_PATHS_REQUIRED,
  ...LOGIN_PATHS_FORBIDDEN,
];
