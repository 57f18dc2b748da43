export * from './render-report';
export { IDENTITY_BEGIN, IDENTITY_END } from './identity-section';
