export * from './audit-trail';
export * from './threat-detection';
export * from './security-alerts';
export * from './config-recording';
export * from './finding-forwarding';
export * from './continuous-config-rules';
