export * from './render-trust-page';
export * from './trust-page-model';
