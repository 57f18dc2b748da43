import { LOGIN_PATH_ROLES, LoginPathRequirement } from '../../../core/requirements/paths/logins';
import { HopRecord, pathRecord, PathRecord, unevaluatedPath } from '../path-record';
import type { StageModel } from '../../template/stage-model';
import { PERSON_PLACEHOLDER } from './bootstrap-sql';
import { clientHop } from './client-hops';
import {
  bootstrapSqlHop,
  clusterIamHop,
  masterAuthenticationHop,
  rdsDbConnectHop,
  rdsIamHop,
  roleLoginHop,
} from './hops';
import { loginWorld, userName } from './login-world';

/** The identity each client signs IAM tokens with. */
const PRINCIPAL_ROLE = {
  service: LOGIN_PATH_ROLES.serviceTaskRole,
  dump: LOGIN_PATH_ROLES.dumpTaskRole,
} as const;

/**
 * One login on one environment, hop by hop: the SQL the bootstrap carries, the cluster's IAM authentication (token
 * logins), the master user's authentication type (master logins), the role's LOGIN, RDS's rds_iam rule against the
 * method, the principal's rds-db:connect (token logins) and the client's own configuration.
 */
export function evaluateLogin(model: StageModel, requirement: LoginPathRequirement): PathRecord[] {
  const world = loginWorld(model);
  const user = userName(world, requirement.user);
  if (!user)
    return [unevaluatedPath(model, requirement, 'login', `the templates do not name the ${requirement.user} user`)];
  const { method, client, expectation } = requirement;
  const hops: HopRecord[] = [bootstrapSqlHop(world, expectation)];
  if (method === 'iam-token') hops.push(clusterIamHop(world));
  if (requirement.user === 'master') hops.push(masterAuthenticationHop(world, method));
  if (world.graph && !world.graph.problem) hops.push(roleLoginHop(world, user), rdsIamHop(world, user, method));
  if (method === 'iam-token' && client !== 'anyone' && client !== 'bootstrap') {
    hops.push(rdsDbConnectHop(model, world, model.theOne(PRINCIPAL_ROLE[client]), user, expectation));
  }
  if (client !== 'anyone') hops.push(clientHop(model, world, client, user, method));
  const who = user === PERSON_PLACEHOLDER ? "each person's role" : user;
  const subject = `${client === 'anyone' ? 'anyone' : `the ${client}`} logs in as ${who} by ${method === 'iam-token' ? 'IAM token' : 'password'}`;
  return [pathRecord(model, requirement, 'login', subject, hops)];
}
