export * from './verify-args';
export * from './verify-command';
export * from './run-verify';
export * from './verify-report';
export * from './render-verify';
export * from './write-verify';
export type { LiveFact, FactStatus, FactKind } from './fact';
