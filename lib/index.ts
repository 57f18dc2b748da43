export * from './config';
export * from './stacks';
export * from './compliance';
export * from './keys';
export * from './data';
export * from './backup';
export * from './monitoring';
export * from './billing';
