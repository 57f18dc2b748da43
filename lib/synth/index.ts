export * from './background-cloudformation-validation';
