export * from './smoke-checks';
export * from './smoke-command';
