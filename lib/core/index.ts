export * from './claims';
export * from './requirements';
export * from './acknowledge';
export * from './opt-outs';
export * from './errors';
export * from './service-modes';
export * from './grants';
