import type { HopRecord } from '../path-record';
import { DataHopKind, HopSite, hopMutations } from './hop-mutations';

/** A hop record of `kind`, carrying the generated mutations that flip its verdict (none when nothing can). */
export function dataHop(kind: DataHopKind, ok: boolean, detail: string, site: HopSite, property: string): HopRecord {
  const verdict = ok ? 'pass' : 'block';
  return {
    hop: kind,
    verdict,
    detail,
    resource: site.resource.ref,
    property,
    mutations: hopMutations(kind, verdict, site),
  };
}

/** A property as a record, or an empty one. */
export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A property as a list of records (a single record is a list of one). */
export function records(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return list.map(record);
}

/** A number property, or undefined when absent or not a literal number. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** `n days`, or `indefinitely` when no expiry applies. */
export function daysText(days: number | undefined): string {
  return days === undefined ? 'indefinitely' : `${days} days`;
}
