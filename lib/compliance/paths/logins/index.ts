import { LOGIN_PATH_REQUIREMENTS, LoginPathRequirement } from '../../../core/requirements/paths/logins';
import type { PathKind } from '../path-record';
import { evaluateLogin } from './evaluate';

/**
 * Database logins: who logs in as which database role, by password or IAM token, as RDS decides it (membership of
 * rds_iam, direct or nested, makes a role IAM-only), for the roles the bootstrap's SQL creates and the master user.
 */
export const LOGIN_PATHS: PathKind<LoginPathRequirement> = {
  kind: 'login',
  title: 'Login',
  requirements: LOGIN_PATH_REQUIREMENTS,
  evaluate: evaluateLogin,
};
