export * from './delivery-pipeline';
export * from './delivery-gates';
export * from './post-deploy-steps';
