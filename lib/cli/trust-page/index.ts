export * from './trust-page-args';
export * from './trust-page-command';
