export * from './stripe-secrets';
