export * from './grant-guardduty-agent-pull';
export * from './grant-secret-decrypt';
