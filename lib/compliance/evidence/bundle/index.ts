export * from './evidence-manifest';
export * from './verify-bundle';
export * from './write-bundle';
