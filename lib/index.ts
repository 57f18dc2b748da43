export * from './config';
export * from './stacks';
export * from './compliance';
