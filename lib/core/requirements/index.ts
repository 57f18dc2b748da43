export * from './transit';
export * from './monitoring';
export * from './data';
export * from './response';
export * from './data-classification';
export * from './flows';
export * from './guardduty-agent';
