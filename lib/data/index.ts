export * from './access-log-bucket';
export * from './database-bootstrap';
export * from './encrypted-upload-bucket';
export * from './multi-az-database';
export * from './replica-bucket';
export * from './replicated-bucket';
export * from './secure-queue';
