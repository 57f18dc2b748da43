export * from './init-args';
export * from './run-init';
export * from './app-files';
export * from './config-template';
export * from './feature-flags';
export * from './tested-versions';
