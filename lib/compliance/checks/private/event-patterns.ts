import { asArray } from '../../template/template-values';

/** A JSON object of a template value (a pattern, a pattern's field), told apart from lists and scalars. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parts of an EventBridge rule's pattern the checks read: its sources and its `detail` filter. */
export interface PatternView {
  readonly sources: unknown[];
  readonly detail: JsonObject;
}

/** An `EventPattern` property read as its sources and detail filter; anything else reads as empty. */
export function patternView(pattern: unknown): PatternView {
  if (!isJsonObject(pattern)) return { sources: [], detail: {} };
  return { sources: asArray(pattern.source), detail: isJsonObject(pattern.detail) ? pattern.detail : {} };
}
