export * from './check';
export * from './run-checks';
export { DATA_CHECKS } from './data';
export { MONITORING_CHECKS } from './monitoring';
export { NETWORK_CHECKS } from './network';
