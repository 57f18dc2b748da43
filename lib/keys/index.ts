export * from './platform-keys';
export * from './grant-secret-decrypt';
