export * from './claim';
export * from './register';
