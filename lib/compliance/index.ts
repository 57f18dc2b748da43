// The public API of the compliance floor: the evidence, and the names of the stock packs a stage can run.
export * from './evidence';
export type { StockPackName } from './gate/stock-packs';
export { ALL_STOCK_PACKS } from './gate/stock-packs';
export { STRAY_STACK_RULE, STRAY_STACKS_PLUGIN_NAME, strayStackFindings } from './gate/stray-stacks';
export type { StrayStackFinding } from './gate/stray-stacks';
