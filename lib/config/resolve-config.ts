import { Token } from 'aws-cdk-lib';
import { ConfigViolation, PlatformConfigError } from '../core/errors';
import {
  airGappedVaultDefaults,
  DEFAULT_BACKUP,
  DEFAULT_RESTORE_TESTING,
  DEFAULT_DATABASE,
  DEFAULT_DUMP_HOUR_UTC,
  DEFAULT_PREFERRED_LANGUAGES,
  DEFAULT_SERVICE,
  ResolvedServiceConfig,
  DEFAULT_THREAT_DETECTION,
  ResolvedBackupConfig,
} from './defaults';
import { dumpKeyFactsSync } from './dump-key/dump-key-facts';
import type { DumpKeyFacts } from './dump-key/inspect-dump-key';
import {
  DatabaseConfig,
  DumpConfig,
  OptOutConfig,
  PlatformConfig,
  SecurityContactConfig,
  ThreatDetectionConfig,
} from './platform-config';
import { ConfigSourceError } from './config-source-error';
import { schemaViolations } from './schema-violations';
import { armorProblem, configViolations } from './validate-config';
import { placeholderViolations, repeatsPlaceholder } from './placeholders';

/** A config with every default filled in: what the constructs read. */
export interface ResolvedPlatformConfig extends PlatformConfig {
  readonly database: Required<DatabaseConfig>;
  readonly backup: ResolvedBackupConfig;
  readonly service: ResolvedServiceConfig;
  readonly dump: Required<DumpConfig>;
  readonly securityContact: Required<SecurityContactConfig>;
  readonly optOuts: OptOutConfig;
  readonly threatDetection: Required<ThreatDetectionConfig>;
  /** What openpgp read from `dump.gpgPublicKey` (its fingerprint goes into the evidence). */
  readonly dumpKey: DumpKeyFacts;
}

export interface ResolveOptions {
  /** Where the config came from (a file name), named in the error. @default - not named */
  readonly source?: string;
}

/**
 * Checks the config against the schema (unknown keys, wrong types) and the rules table (ranges, relations, the dump
 * key as openpgp reads it), throwing one PlatformConfigError that lists every violation, and fills in the defaults.
 * @param now the moment the security.txt expiry and the dump key's lifetime are judged against; tests pin it.
 */
export function resolvePlatformConfig(
  config: PlatformConfig,
  now: Date = new Date(),
  options: ResolveOptions = {},
): ResolvedPlatformConfig {
  const schema = schemaViolations(config);
  const resolved: ResolvedPlatformConfig = {
    ...config,
    database: { ...DEFAULT_DATABASE, ...config.database },
    backup: {
      ...DEFAULT_BACKUP,
      ...config.backup,
      // One level deeper: `restoreTesting: { enabled: false }` keeps the default schedule.
      restoreTesting: { ...DEFAULT_RESTORE_TESTING, ...config.backup?.restoreTesting },
      logicallyAirGappedVault: airGappedVaultDefaults(
        config.backup?.retentionDays ?? DEFAULT_BACKUP.retentionDays,
        config.backup?.logicallyAirGappedVault,
      ),
    },
    service: { ...DEFAULT_SERVICE, ...config.service },
    dump: { dailyHourUtc: DEFAULT_DUMP_HOUR_UTC, ...config.dump },
    securityContact: {
      preferredLanguages: DEFAULT_PREFERRED_LANGUAGES,
      ...config.securityContact,
      expires: startOfDayIfDate(config.securityContact?.expires),
    },
    optOuts: { ...config.optOuts },
    dumpKey: readDumpKey(config, now),
    threatDetection: { ...DEFAULT_THREAT_DETECTION, ...config.threatDetection },
  };
  const rules = configViolations(resolved, now, schema.typeErrorPaths);
  // A wrong type is reported once, as a type error, not again as "out of range" by a rule that read it anyway.
  const echoes = (setting: string) =>
    schema.typeErrorPaths.some((p) => p === setting || p.startsWith(`${setting}.`) || setting.startsWith(`${p}.`));
  // A placeholder left in is named as one, with what to put there, not again as a malformed value.
  const placeholders = placeholderViolations(config, resolved.dumpKey.fingerprint);
  const violations: ConfigViolation[] = [
    ...schema.violations.filter(
      (v) => schema.typeErrorPaths.includes(v.setting) || !rules.some((r) => r.setting === v.setting),
    ),
    ...rules.filter((r) => !echoes(r.setting) && !repeatsPlaceholder(r.setting, placeholders)),
    ...placeholders,
  ].map(abbreviateValue);
  if (violations.length > 0) {
    const environment = String(config.environmentName);
    throw options.source
      ? new ConfigSourceError(options.source, environment, violations)
      : new PlatformConfigError(environment, violations);
  }
  return resolved;
}

function readDumpKey(config: PlatformConfig, now: Date): DumpKeyFacts {
  const key: unknown = config.dump?.gpgPublicKey;
  if (typeof key !== 'string' || Token.isUnresolved(key) || armorProblem(key)) return {};
  return dumpKeyFactsSync(key, now);
}

/** A key block or another long text would drown the one-line problem: show its start and its length. */
function abbreviateValue(v: ConfigViolation): ConfigViolation {
  if (typeof v.value !== 'string' || v.value.length <= 120) return v;
  return { ...v, value: `${v.value.slice(0, 60).replace(/\s+/g, ' ')}… (${v.value.length} characters)` };
}

/**
 * A date-only expiry (`2027-06-30`) as the date-time security.txt must carry (RFC 9116 takes RFC 3339 date-times):
 * the start of that day in UTC, the earlier reading, so the file never claims a day longer than was meant.
 */
function startOfDayIfDate(expires: string): string {
  return typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expires) ? `${expires}T00:00:00Z` : expires;
}
