export * from './assessment-results';
export * from './component-definition';
export * from './write-oscal';
export { uuidV5 } from './uuid-v5';
