import {
  DEFAULT_BACKUP,
  DEFAULT_DATABASE,
  DEFAULT_DUMP_HOUR_UTC,
  DEFAULT_PREFERRED_LANGUAGES,
  DEFAULT_SERVICE,
  DEFAULT_THREAT_DETECTION,
  ResolvedBackupConfig,
} from './defaults';
import {
  DatabaseConfig,
  DumpConfig,
  OptOutConfig,
  PlatformConfig,
  SecurityContactConfig,
  ServiceConfig,
  ThreatDetectionConfig,
} from './platform-config';
import { validatePlatformConfig } from './validate-config';

/** A config with every default filled in: what the constructs read. */
export interface ResolvedPlatformConfig extends PlatformConfig {
  readonly database: Required<DatabaseConfig>;
  readonly backup: ResolvedBackupConfig;
  readonly service: Required<ServiceConfig>;
  readonly dump: Required<DumpConfig>;
  readonly securityContact: Required<SecurityContactConfig>;
  readonly optOuts: OptOutConfig;
  readonly threatDetection: Required<ThreatDetectionConfig>;
}

/**
 * Validates the config (throwing one error that lists every violation) and fills in the defaults.
 * @param now the moment the security.txt expiry is judged against; tests pin it.
 */
export function resolvePlatformConfig(config: PlatformConfig, now: Date = new Date()): ResolvedPlatformConfig {
  const resolved: ResolvedPlatformConfig = {
    ...config,
    database: { ...DEFAULT_DATABASE, ...config.database },
    backup: { ...DEFAULT_BACKUP, ...config.backup },
    service: { ...DEFAULT_SERVICE, ...config.service },
    dump: { dailyHourUtc: DEFAULT_DUMP_HOUR_UTC, ...config.dump },
    securityContact: { preferredLanguages: DEFAULT_PREFERRED_LANGUAGES, ...config.securityContact },
    optOuts: { ...config.optOuts },
    threatDetection: { ...DEFAULT_THREAT_DETECTION, ...config.threatDetection },
  };
  validatePlatformConfig(resolved, now);
  return resolved;
}
