export * from './analyse-redundancy';
export * from './ha1-redundancy-analysis';
