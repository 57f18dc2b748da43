export * from './platform-stack-props';
export * from './network-stack';
export * from './data-stack';
export * from './service-stack';
export * from './monitoring-stack';
export * from './recovery-stack';
export * from './platform-stage';
export * from './vpc-stack-props';
