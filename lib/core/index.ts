export * from './claims';
export * from './requirements';
export * from './acknowledge';
export * from './log-destination';
export * from './opt-outs';
export * from './errors';
export * from './service-modes';
export * from './grants';
