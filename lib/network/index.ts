export * from './secure-network';
