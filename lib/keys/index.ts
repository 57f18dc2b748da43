export * from './platform-keys';
