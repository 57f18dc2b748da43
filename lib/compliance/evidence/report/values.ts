import type { ResourceEvidence } from '../evidence-model';

/**
 * A resolved template value as a person reads it: text as it is, lists in brackets, objects as `Key: value` pairs,
 * never JSON with its quotes.
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(', ')}}`;
  return String(value);
}

/** The values that make a claim true on one resource: `Property=value` pairs, or empty when the check quotes none. */
export function formatProperties(resource: ResourceEvidence): string {
  return Object.entries(resource.properties)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join('; ');
}
