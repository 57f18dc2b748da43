/**
 * Aurora PostgreSQL 17 minor versions and the day AWS stops creating clusters on them: the "Aurora end of standard
 * support date" of AWS's "Release calendar for Aurora PostgreSQL minor versions". For Aurora the two coincide: AWS's
 * end-of-support notices for Aurora PostgreSQL minors say new clusters cannot be created "after" that same date, so a
 * version is creatable through its date (RDS for PostgreSQL, by contrast, stops creation weeks before its date).
 *
 * Each row either cites where its date was read (`estimate: false`) or says why it is an estimate. Dates with only a
 * month in the calendar are approximate (AWS's own note); such a row stays an estimate with the month's last day.
 * When AWS publishes a new minor, add its row from the calendar; the default engine lives in lib/data.
 */
export type AuroraEngineVersionRow = PublishedAuroraEngineVersion | EstimatedAuroraEngineVersion;

interface AuroraEngineVersionDates {
  readonly version: string;
  /** ISO date of the Aurora release, from the calendar. */
  readonly auroraRelease: string;
  /** ISO date; the last day AWS creates clusters on this minor version. */
  readonly endOfCreation: string;
}

export interface PublishedAuroraEngineVersion extends AuroraEngineVersionDates {
  readonly estimate: false;
  /** The page the date was read on, and the day it was read. */
  readonly source: { readonly url: string; readonly read: string };
}

export interface EstimatedAuroraEngineVersion extends AuroraEngineVersionDates {
  readonly estimate: true;
  /** Why the date is not a published figure. */
  readonly reason: string;
}

export const AURORA_RELEASE_CALENDAR_URL =
  'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes/aurorapostgresql-release-calendar.html#aurorapostgresql.minor.versions.supported';

/**
 * Read on 2026-12-02 from a stored copy of the calendar (the live page was out of reach); that copy already lists
 * 17.10 and 18.4, both released 21 August 2026, and an earlier copy agrees on every 17.4 to 17.9 date below.
 */
const CALENDAR = { url: AURORA_RELEASE_CALENDAR_URL, read: '2026-12-02' } as const;

export const AURORA_POSTGRES_17_VERSIONS: readonly AuroraEngineVersionRow[] = [
  { version: '17.4', auroraRelease: '2025-05-01', endOfCreation: '2026-11-30', estimate: false, source: CALENDAR },
  { version: '17.5', auroraRelease: '2025-06-30', endOfCreation: '2026-12-31', estimate: false, source: CALENDAR },
  { version: '17.6', auroraRelease: '2025-11-25', endOfCreation: '2027-04-30', estimate: false, source: CALENDAR },
  // Long-term support release: kept until the major's end of standard support.
  { version: '17.7', auroraRelease: '2025-12-18', endOfCreation: '2030-02-28', estimate: false, source: CALENDAR },
  { version: '17.9', auroraRelease: '2026-04-06', endOfCreation: '2027-09-30', estimate: false, source: CALENDAR },
  { version: '17.10', auroraRelease: '2026-08-21', endOfCreation: '2027-12-31', estimate: false, source: CALENDAR },
];

/** Warn this many days before a version stops being creatable. */
export const ENGINE_VERSION_WARNING_DAYS = 90;

/** How a synth on `now` should treat an engine version: fine, warn (within 90 days of its end), or error (past it). */
export function judgeAuroraEngineVersion(
  version: string,
  now: Date,
  table: readonly AuroraEngineVersionRow[] = AURORA_POSTGRES_17_VERSIONS,
): { level: 'ok' | 'warning' | 'error'; message: string } {
  const row = table.find((r) => r.version === version);
  if (!row)
    return {
      level: 'warning',
      message: `Aurora PostgreSQL ${version} is not in the dated engine version table (lib/core/requirements/aurora-engine-versions.ts); its end of creation is unknown`,
    };
  const end = Date.parse(`${row.endOfCreation}T23:59:59Z`);
  const days = Math.floor((end - now.getTime()) / (24 * 3600 * 1000));
  const when = `${row.endOfCreation}${row.estimate ? ' (estimated)' : ''}`;
  if (days < 0)
    return { level: 'error', message: `Aurora PostgreSQL ${version} is no longer created by AWS after ${when}` };
  if (days <= ENGINE_VERSION_WARNING_DAYS)
    return {
      level: 'warning',
      message: `Aurora PostgreSQL ${version} stops being created on ${when}, in ${days} days`,
    };
  return { level: 'ok', message: `Aurora PostgreSQL ${version} is created until ${when}` };
}
