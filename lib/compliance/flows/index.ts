import { Check } from '../checks/check';
import { FORBIDDEN_FLOWS_DENIED } from './forbidden-flows-denied';
import { REQUIRED_FLOWS_ALLOWED } from './required-flows-allowed';

export * from './authorization-model';
export * from './evaluate-flows';
export * from './flow-checks';
export * from './flow-records';
export * from './policy-engine';
export * from './resolve-tokens';

/** The flow proofs: every required flow allowed and every forbidden flow denied, per claim. */
export const FLOW_CHECKS: readonly Check[] = [...REQUIRED_FLOWS_ALLOWED, ...FORBIDDEN_FLOWS_DENIED];
