import type { Check } from '../checks/check';
import { pathChecks } from './path-checks';
import { DATA_PATHS } from './data';
import { EVENT_PATHS } from './events';
import { HTTP_PATHS } from './http';
import { LOGIN_PATHS } from './logins';
import { NETWORK_PATHS } from './network';
import type { PathKind, PathRequirementBase } from './path-record';

export * from './path-record';
export * from './path-checks';
export * from './describe-path';
export * from './apply-mutation';

/** Every path kind the gate evaluates; each kind's requirements live in core/requirements/paths/. */
export const PATH_KINDS: readonly PathKind<PathRequirementBase>[] = [
  NETWORK_PATHS,
  HTTP_PATHS,
  EVENT_PATHS,
  DATA_PATHS,
  LOGIN_PATHS,
];

/** The checks of every path kind: one per claim, kind and expectation. */
export const PATH_CHECKS: readonly Check[] = PATH_KINDS.flatMap((kind) => pathChecks(kind));
