export * from './evidence-model';
export * from './evaluate-claim-rules';
export * from './collect-evidence';
export * from './render-markdown';
export * from './write-evidence';
export * from './opt-out-claims';
