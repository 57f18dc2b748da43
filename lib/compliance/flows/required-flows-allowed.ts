import { flowChecks } from './flow-checks';

/** `<CLAIM>-RequiredFlowsAllowed`: each required flow of lib/core/requirements/flows/ is allowed. */
export const REQUIRED_FLOWS_ALLOWED = flowChecks('required');
