export * from './tls-policies';
export * from './security-txt';
export * from './web-application-firewall';
export * from './tls-only-load-balancer';
