export * from './preflight-args';
export * from './preflight-command';
export * from './run-preflight';
export * from './report';
export * from './modes';
export * from './sdk';
export type { ClientOptions } from './session';
