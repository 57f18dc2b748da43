import {
  AirGappedVaultConfig,
  BackupConfig,
  DatabaseConfig,
  DumpConfig,
  RestoreTestingConfig,
  ServiceConfig,
  ThreatDetectionConfig,
} from './platform-config';

/** Every service setting filled in, except the image, whose default is built by the service itself. */
export type ResolvedServiceConfig = Required<Omit<ServiceConfig, 'image'>> & Pick<ServiceConfig, 'image'>;

/** Secure defaults: each is what the security page promises without any prop set. */
export const DEFAULT_DATABASE: Required<DatabaseConfig> = {
  instanceType: 'r6g.large',
  readers: 2,
  backupRetentionDays: 35,
  databaseName: 'app',
  people: [],
};

/** Every backup setting but the break-glass role, whose default the stacks declare. */
export type ResolvedBackupConfig = Required<
  Omit<BackupConfig, 'breakGlassRoleArn' | 'restoreTesting' | 'logicallyAirGappedVault'>
> &
  Pick<BackupConfig, 'breakGlassRoleArn'> & {
    readonly restoreTesting: Required<RestoreTestingConfig>;
    readonly logicallyAirGappedVault: Required<AirGappedVaultConfig>;
  };

/** Weekly, Saturdays 05:00 UTC: after the 03:00 backup, and within the 8 days `verify` accepts a restore test. */
export const DEFAULT_RESTORE_TESTING: Required<RestoreTestingConfig> = {
  enabled: true,
  scheduleExpression: 'cron(0 5 ? * SAT *)',
  validationWindowHours: 4,
  expectedTables: {},
};

/**
 * Off by default (it adds a third copy and its storage cost). Its retention window defaults to hold the daily copy's
 * retention: from exactly that long to twice as long, as the locked vaults' own lock does.
 */
export function airGappedVaultDefaults(
  retentionDays: number,
  given: AirGappedVaultConfig = {},
): Required<AirGappedVaultConfig> {
  const minRetentionDays = given.minRetentionDays ?? retentionDays;
  return {
    enabled: given.enabled ?? false,
    minRetentionDays,
    maxRetentionDays: given.maxRetentionDays ?? minRetentionDays * 2,
  };
}

export const DEFAULT_BACKUP: ResolvedBackupConfig = {
  dailyHourUtc: 3,
  retentionDays: 35,
  vaultLockMode: 'governance',
  breakGlass: { trust: 'iam-users-with-mfa' },
  restoreTesting: DEFAULT_RESTORE_TESTING,
  logicallyAirGappedVault: airGappedVaultDefaults(35),
};

/** The service's defaults; `image` has none here: unset, the service builds its own (lib/compute/default-image). */
export const DEFAULT_SERVICE: ResolvedServiceConfig = {
  containerPort: 8080,
  desiredCount: 3,
  maxCount: 12,
  cpu: 512,
  memoryMiB: 1024,
  healthCheckPath: '/',
};

export const DEFAULT_DUMP_HOUR_UTC: NonNullable<DumpConfig['dailyHourUtc']> = 4;

export const DEFAULT_PREFERRED_LANGUAGES: readonly string[] = ['en'];

/** The platform creates every singleton unless told the account or the organisation already runs it. */
export const DEFAULT_THREAT_DETECTION: Required<ThreatDetectionConfig> = {
  guardDuty: 'create',
  securityHub: 'create',
  accessAnalyzer: 'create',
  config: 'create',
};
