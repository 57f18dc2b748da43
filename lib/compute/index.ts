export * from './redundant-service';
