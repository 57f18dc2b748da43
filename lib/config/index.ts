export * from './platform-config';
export * from './defaults';
export * from './config-error';
export * from './resolve-config';
export * from './reference-config';
