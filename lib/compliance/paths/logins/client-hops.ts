import { DatabaseLoginClient, DatabaseLoginMethod, LOGIN_PATH_ROLES } from '../../../core/requirements/paths/logins';
import type { HopRecord, TemplateMutation } from '../path-record';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { PERSON_PLACEHOLDER } from './bootstrap-sql';
import { hop } from './hops';
import type { LoginWorld } from './login-world';
import { AttributeRef, attributeOf, attributeToken, symbolicText } from './template-text';

interface NameValue {
  readonly Name?: string;
  readonly Value?: unknown;
  readonly ValueFrom?: unknown;
}
interface ContainerDefinition {
  readonly Environment?: readonly NameValue[];
  readonly Secrets?: readonly NameValue[];
}

/** What a client is configured to do: the user and method it logs in with, and the changes that alter either. */
interface ClientLogin {
  readonly resource: ModelResource;
  readonly property: string;
  readonly user?: string;
  readonly method?: DatabaseLoginMethod;
  readonly found: string;
  /** Changes that give it another user or method. */
  readonly away: readonly TemplateMutation[];
  /** Changes that give it `wanted` user and method, when it is configured otherwise. */
  readonly toward: (user: string, method: DatabaseLoginMethod) => TemplateMutation[];
}

/**
 * The client's own configuration: the service tasks read `DB_AUTH` and `DB_USER` from their environment; the dump
 * task gets `PGUSER` and `PGPASSWORD` from one secret (its own, whose password the bootstrap function sets from
 * `DUMP_READER_SECRET_ARN`, or the master's); the bootstrap function reads the secret `MASTER_SECRET_ARN` names and
 * is the one the bootstrap resource invokes.
 */
export function clientHop(
  model: StageModel,
  world: LoginWorld,
  client: Exclude<DatabaseLoginClient, 'anyone'>,
  user: string,
  method: DatabaseLoginMethod,
): HopRecord {
  const login = CLIENTS[client](model, world);
  const fits = login.user === user && login.method === method;
  return hop(
    'client-credentials',
    fits ? 'pass' : 'block',
    `${login.found}: it logs in as ${login.user ?? 'an unknown user'} by ${login.method ?? 'an unknown method'}`,
    login.resource,
    login.property,
    { kind: 'client-credentials', toggles: fits ? login.away : login.toward(user, method) },
  );
}

const CLIENTS: Record<Exclude<DatabaseLoginClient, 'anyone'>, (model: StageModel, world: LoginWorld) => ClientLogin> = {
  service: serviceLogin,
  dump: dumpLogin,
  bootstrap: bootstrapLogin,
};

const masterSecretToken = (world: LoginWorld) =>
  attributeToken({ resource: world.cluster, attribute: 'MasterUserSecret.SecretArn' });

function serviceLogin(model: StageModel, world: LoginWorld): ClientLogin {
  const resource = model.theOne(LOGIN_PATH_ROLES.serviceTaskDefinition);
  const containers = asArray<ContainerDefinition>(resource.props.ContainerDefinitions);
  const ci = Math.max(
    0,
    containers.findIndex((c) => asArray(c.Environment).some((e) => e.Name === 'DB_USER')),
  );
  const env = asArray(containers[ci]?.Environment);
  const at = (name: string) => env.findIndex((e) => e.Name === name);
  const render = (r: AttributeRef) =>
    r.resource === world.bootstrap && r.attribute === 'ApplicationRole' ? world.application : attributeToken(r);
  const auth = at('DB_AUTH') >= 0 ? symbolicText(model, resource.stack, env[at('DB_AUTH')].Value) : undefined;
  const user = at('DB_USER') >= 0 ? symbolicText(model, resource.stack, env[at('DB_USER')].Value, render) : undefined;
  const set = (name: string, value: string): TemplateMutation => {
    const i = at(name) >= 0 ? at(name) : env.length;
    return {
      description: `service task environment ${name}: ${value}`,
      stackName: resource.stackName,
      logicalId: resource.logicalId,
      path: ['Properties', 'ContainerDefinitions', ci, 'Environment', i, ...(at(name) >= 0 ? ['Value'] : [])],
      value: at(name) >= 0 ? value : { Name: name, Value: value },
    };
  };
  const method: DatabaseLoginMethod = auth === 'iam' ? 'iam-token' : 'password';
  return {
    resource,
    property: 'ContainerDefinitions.Environment',
    user,
    method,
    found: `service task environment DB_USER=${user ?? '?'}, DB_AUTH=${auth ?? '(unset)'}`,
    away: [set('DB_AUTH', method === 'iam-token' ? 'password' : 'iam'), set('DB_USER', `not_${user ?? 'anyone'}`)],
    toward: (wantedUser, wantedMethod) => [
      ...(wantedMethod === method ? [] : [set('DB_AUTH', wantedMethod === 'iam-token' ? 'iam' : 'password')]),
      ...(wantedUser === user || wantedUser === PERSON_PLACEHOLDER ? [] : [set('DB_USER', wantedUser)]),
    ],
  };
}

function dumpLogin(model: StageModel, world: LoginWorld): ClientLogin {
  const resource = model.theOne(LOGIN_PATH_ROLES.dumpTaskDefinition);
  const containers = asArray<ContainerDefinition>(resource.props.ContainerDefinitions);
  const ci = Math.max(
    0,
    containers.findIndex((c) => asArray(c.Secrets).some((e) => e.Name === 'PGUSER')),
  );
  const secrets = asArray(containers[ci]?.Secrets);
  const at = (name: string) => secrets.findIndex((e) => e.Name === name);
  const from = (name: string) =>
    at(name) >= 0 ? symbolicText(model, resource.stack, secrets[at(name)].ValueFrom) : undefined;
  const reader = dumpReaderSecret(model, world);
  // PGUSER and PGPASSWORD from one secret: the master's (the user RDS made), or the one whose password the bootstrap
  // sets for the dump reader (the user its generated value names).
  const credentials = [
    { token: masterSecretToken(world), user: world.master },
    ...(reader ? [{ token: reader.token, user: reader.user }] : []),
  ].find((c) => from('PGUSER')?.startsWith(`${c.token}:username:`));
  const user = credentials?.user;
  const method: DatabaseLoginMethod | undefined =
    credentials && from('PGPASSWORD')?.startsWith(`${credentials.token}:password:`) ? 'password' : undefined;
  const path = (name: string) => ['Properties', 'ContainerDefinitions', ci, 'Secrets', at(name)];
  const setSecrets = (secret: unknown, description: string): TemplateMutation[] =>
    at('PGUSER') >= 0 && at('PGPASSWORD') >= 0
      ? ['PGUSER', 'PGPASSWORD'].map((name) => ({
          description: `dump task secret ${name} from ${description}`,
          stackName: resource.stackName,
          logicalId: resource.logicalId,
          path: [...path(name), 'ValueFrom'],
          value: { 'Fn::Join': ['', [secret, `:${name === 'PGUSER' ? 'username' : 'password'}::`]] },
        }))
      : [];
  return {
    resource,
    property: 'ContainerDefinitions.Secrets',
    user,
    method,
    found: `dump task secrets PGUSER=${from('PGUSER') ?? '(unset)'}, PGPASSWORD=${from('PGPASSWORD') ?? '(unset)'}${reader ? `; the bootstrap sets ${reader.user ?? 'an unnamed user'}'s password from ${reader.token}` : '; the bootstrap sets no dump reader password'}`,
    away: [
      ...(at('PGPASSWORD') >= 0
        ? [
            {
              description: 'dump task secret PGPASSWORD removed',
              stackName: resource.stackName,
              logicalId: resource.logicalId,
              path: path('PGPASSWORD'),
              remove: true,
            },
          ]
        : []),
      ...(at('PGUSER') >= 0
        ? [
            {
              description: 'dump task secret PGUSER from another secret',
              stackName: resource.stackName,
              logicalId: resource.logicalId,
              path: [...path('PGUSER'), 'ValueFrom'],
              value: 'arn:aws:secretsmanager:::secret:another:username::',
            },
          ]
        : []),
      // The dump reader's password is the one the bootstrap sets from its secret: another secret there, and the
      // password the dump presents is no longer the role's.
      ...(user !== undefined && user === reader?.user && reader.function
        ? [
            {
              description: 'bootstrap function DUMP_READER_SECRET_ARN names another secret',
              stackName: reader.function.stackName,
              logicalId: reader.function.logicalId,
              path: ['Properties', 'Environment', 'Variables', 'DUMP_READER_SECRET_ARN'],
              value: 'arn:aws:secretsmanager:::secret:another',
            },
          ]
        : []),
    ],
    // Handed the master secret, or the dump reader's, when it holds the other (same stack only: a reference).
    toward: (wanted) => {
      if (wanted === world.master && world.cluster.stackName === resource.stackName)
        return setSecrets(
          { 'Fn::GetAtt': [world.cluster.logicalId, 'MasterUserSecret.SecretArn'] },
          'the master secret',
        );
      if (wanted === reader?.user && reader.function?.stackName === resource.stackName)
        return setSecrets(reader.raw, "the dump reader's secret");
      return [];
    },
  };
}

/**
 * The secret the bootstrap function sets the dump reader's password from (`DUMP_READER_SECRET_ARN`), as a token, its
 * raw template value, and the user its generated value names (`SecretStringTemplate`'s `username`); undefined when
 * the function names none. The user counts only when it is the role the bootstrap declares (`DumpReaderRole`).
 */
function dumpReaderSecret(
  model: StageModel,
  world: LoginWorld,
): { token: string; raw: unknown; user?: string; function?: ModelResource } | undefined {
  const fn = model.theOne(LOGIN_PATH_ROLES.bootstrapFunction);
  const raw = (fn.props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
    ?.DUMP_READER_SECRET_ARN;
  const token = symbolicText(model, fn.stack, raw);
  if (raw === undefined || token === undefined) return undefined;
  const secret = attributeOf(model, fn.stack, raw)?.resource;
  const template = (secret?.props.GenerateSecretString as { SecretStringTemplate?: unknown } | undefined)
    ?.SecretStringTemplate;
  let named: unknown;
  try {
    named = typeof template === 'string' ? (JSON.parse(template) as { username?: unknown }).username : undefined;
  } catch {
    named = undefined;
  }
  const user = typeof named === 'string' && named === world.dumpReader ? named : undefined;
  return { token, raw, user, function: fn };
}

function bootstrapLogin(model: StageModel, world: LoginWorld): ClientLogin {
  const resource = model.theOne(LOGIN_PATH_ROLES.bootstrapFunction);
  const variables =
    (resource.props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  const secret = symbolicText(model, resource.stack, variables.MASTER_SECRET_ARN);
  const invoked = model.resolve(world.bootstrap, world.bootstrap.props.ServiceToken);
  const runsIt = invoked?.stackName === resource.stackName && invoked.logicalId === resource.logicalId;
  const user = secret === masterSecretToken(world) && runsIt ? world.master : undefined;
  return {
    resource,
    property: 'Environment.Variables.MASTER_SECRET_ARN',
    user,
    method: 'password',
    found: `the bootstrap function ${runsIt ? 'is' : 'is not'} the one the bootstrap resource invokes and reads MASTER_SECRET_ARN=${secret ?? '?'}`,
    away: [
      {
        description: 'bootstrap function MASTER_SECRET_ARN names another secret',
        stackName: resource.stackName,
        logicalId: resource.logicalId,
        path: ['Properties', 'Environment', 'Variables', 'MASTER_SECRET_ARN'],
        value: 'arn:aws:secretsmanager:::secret:another',
      },
    ],
    toward: () => [],
  };
}
