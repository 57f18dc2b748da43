import { flowChecks } from './flow-checks';

/** `<CLAIM>-ForbiddenFlowsDenied`: each forbidden flow of lib/core/requirements/flows/ is denied. */
export const FORBIDDEN_FLOWS_DENIED = flowChecks('forbidden');
