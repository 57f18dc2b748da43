import { LIVE_FACTS } from '../../core/requirements/live-facts';
import type { FactKind, FactStatus, LiveFact } from '../../core/requirements/verify-report-model';
import { errorText } from '../preflight/session';

export type { FactKind, FactStatus, LiveFact } from '../../core/requirements/verify-report-model';

const windowOf = (kind: FactKind): number | undefined =>
  kind === 'credentials' ? undefined : LIVE_FACTS[kind].maxAgeHours;

/** What a reader found, before the freshness window is applied. */
export interface Reading {
  readonly region: string;
  readonly subject: string;
  /** False: the account shows the fact bad (a NON_COMPLIANT resource, a failed job, no dump at all). */
  readonly good: boolean;
  readonly detail: string;
  readonly asOf?: Date;
  readonly items?: readonly string[];
  /** Overrides core's window for this reading (a change-triggered Config rule has none). */
  readonly maxAgeHours?: number | null;
}

const hoursBetween = (from: Date, to: Date) => Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 10) / 10;

const factId = (kind: FactKind, region: string, subject: string) => `${kind} ${region} ${subject}`;

/** Judges a reading: bad is failing; good but older than its window is failing with its age; else verified. */
export function judge(kind: FactKind, reading: Reading, observedAt: Date): LiveFact {
  const maxAgeHours = reading.maxAgeHours === null ? undefined : (reading.maxAgeHours ?? windowOf(kind));
  const ageHours = reading.asOf ? hoursBetween(reading.asOf, observedAt) : undefined;
  const stale = maxAgeHours !== undefined && (ageHours === undefined || ageHours > maxAgeHours);
  let status: FactStatus = 'verified';
  let detail = reading.detail;
  if (!reading.good) status = 'failing';
  else if (stale) {
    status = 'failing';
    detail =
      ageHours === undefined
        ? `${detail}; the account gives no time for it, so it cannot be shown fresh within ${maxAgeHours} h`
        : `stale: ${detail}, ${ageHours} h ago, older than the ${maxAgeHours} h window`;
  }
  return {
    id: factId(kind, reading.region, reading.subject),
    kind,
    region: reading.region,
    subject: reading.subject,
    status,
    detail,
    observedAt: observedAt.toISOString(),
    asOf: reading.asOf?.toISOString(),
    ageHours,
    maxAgeHours,
    items: reading.items,
  };
}

/** A fact that could not be read: UNKNOWN, naming the call's error. */
export function unread(kind: FactKind, region: string, subject: string, e: unknown, observedAt: Date): LiveFact {
  return {
    id: factId(kind, region, subject),
    kind,
    region,
    subject,
    status: 'UNKNOWN',
    detail: `could not be read: ${typeof e === 'string' ? e : errorText(e)}`,
    observedAt: observedAt.toISOString(),
    maxAgeHours: windowOf(kind),
  };
}
