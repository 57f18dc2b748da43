/**
 * Aurora PostgreSQL 17 minor versions and the day AWS stops creating clusters on them (end of standard support of
 * the minor version, from AWS's "Aurora PostgreSQL release calendar for minor versions"). The dates are ESTIMATES:
 * the calendar could not be read while this table was written, so each date is the release month plus about twelve
 * months, rounded to the month's end. Replace them with the published dates (Aurora PostgreSQL release notes,
 * "Release calendars") before relying on them; `estimate: false` marks a verified row.
 */
export interface AuroraEngineVersionRow {
  readonly version: string;
  /** ISO date after which AWS no longer creates clusters on this minor version. */
  readonly endOfCreation: string;
  readonly estimate: boolean;
}

export const AURORA_POSTGRES_17_VERSIONS: readonly AuroraEngineVersionRow[] = [
  { version: '17.4', endOfCreation: '2026-05-31', estimate: true },
  { version: '17.5', endOfCreation: '2026-08-31', estimate: true },
  { version: '17.6', endOfCreation: '2026-11-30', estimate: true },
  { version: '17.7', endOfCreation: '2027-02-28', estimate: true },
  { version: '17.9', endOfCreation: '2027-05-31', estimate: true },
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
    return { level: 'error', message: `Aurora PostgreSQL ${version} is no longer created by AWS since ${when}` };
  if (days <= ENGINE_VERSION_WARNING_DAYS)
    return {
      level: 'warning',
      message: `Aurora PostgreSQL ${version} stops being created on ${when}, in ${days} days`,
    };
  return { level: 'ok', message: `Aurora PostgreSQL ${version} is created until ${when}` };
}
