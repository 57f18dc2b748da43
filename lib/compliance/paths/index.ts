import type { Check } from '../checks/check';
import { pathChecks } from './path-checks';
import type { PathKind, PathRequirementBase } from './path-record';

export * from './path-record';
export * from './path-checks';
export * from './describe-path';
export * from './apply-mutation';

/** Every path kind the gate evaluates; each kind's requirements live in core/requirements/paths/. */
export const PATH_KINDS: readonly PathKind<PathRequirementBase>[] = [];

/** The checks of every path kind: one per claim, kind and expectation. */
export const PATH_CHECKS: readonly Check[] = PATH_KINDS.flatMap((kind) => pathChecks(kind));
