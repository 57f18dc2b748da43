export * from './evidence-model';
export * from './collect-evidence';
export * from './render-markdown';
export * from './write-evidence';
