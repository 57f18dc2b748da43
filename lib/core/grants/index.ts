export * from './grant-guardduty-agent-pull';
export * from './grant-secret-decrypt';
export * from './grant-logs-key-use';
export * from './service-trust';
