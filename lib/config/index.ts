export * from './platform-config';
export * from './defaults';
export * from './resolve-config';
export * from './reference-config';
export * from './physical-names';
