import { Token } from 'aws-cdk-lib';
import { ConfigViolation, PlatformConfigError } from '../core/errors';
import { AWS_REGION_ZONES, zonesOfRegion } from './aws-regions';
import { closestName } from './closest-name';
import { DUMP_KEY_MIN_VALIDITY_DAYS } from './dump-key/inspect-dump-key';
import type { RegionConfig } from './platform-config';
import {
  serviceModeSettingFix,
  serviceModeSettingProblem,
  THREAT_DETECTION_SERVICES,
  ThreatDetectionService,
} from '../core/service-modes';
import type { ResolvedPlatformConfig } from './resolve-config';
import { BREAK_GLASS_FIX, breakGlassProblem } from './break-glass-trust';
import {
  CONFIG_RULE_AVAILABILITY_READ,
  CONFIG_RULE_AVAILABILITY_SOURCE,
  configRuleOfferedIn,
} from '../core/requirements/config-rule-regions';
import { configRulesMissingIn, PlatformRegionRole } from '../core/requirements/continuous-config-rules';
import {
  AIR_GAPPED_VAULT_UNAVAILABLE_IN,
  AURORA_AIR_GAPPED_VAULT_CONFIG_RULE,
  MIN_AIR_GAPPED_RETENTION_DAYS,
} from '../core/requirements/air-gapped-vault';
import { MAX_VAULT_LOCK_RETENTION_DAYS, MIN_RECOVERY_POINT_RETENTION_DAYS } from '../core/requirements/data';

/**
 * One row of the validation table: which setting, how to read it, what is wrong with a value (or undefined when it
 * is fine) and how to fix it. A declarative table keeps every rule visible in one place and lets all of them run.
 */
interface ConfigRule {
  readonly setting: string;
  readonly read: (c: ResolvedPlatformConfig) => unknown;
  readonly problem: (value: never, c: ResolvedPlatformConfig, now: Date) => string | undefined;
  /** How to fix it; a function when the fix depends on the config (for example the zones of the chosen region). */
  readonly fix: string | ((c: ResolvedPlatformConfig) => string);
  /**
   * Settings this rule compares against: when one of them is already wrong, the rule is skipped, so a bad region is
   * reported once and not again as a contradiction with the zones or the certificate.
   */
  readonly dependsOn?: readonly string[];
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ONE_YEAR_MS = 366 * 24 * 3600 * 1000;
/** Fargate's allowed memory (MiB) per CPU size. */
const FARGATE_MEMORY: Record<number, [number, number]> = {
  256: [512, 2048],
  512: [1024, 4096],
  1024: [2048, 8192],
  2048: [4096, 16384],
  4096: [8192, 30720],
  8192: [16384, 61440],
  16384: [32768, 122880],
};

const intIn = (min: number, max: number) => (v: number) =>
  Number.isInteger(v) && v >= min && v <= max ? undefined : `must be a whole number from ${min} to ${max}`;

const matches = (re: RegExp, what: string) => (v: string) =>
  typeof v === 'string' && re.test(v) ? undefined : `is not ${what}`;

function zonesProblem(zones: readonly string[], regionConfig: RegionConfig | undefined): string | undefined {
  const region = regionConfig?.region;
  if (!Array.isArray(zones) || zones.length !== 3) {
    return `lists ${Array.isArray(zones) ? zones.length : 0} zones; the platform spans exactly three (HA-1, DATA-1)`;
  }
  if (new Set(zones).size !== 3) return 'lists a zone twice; the three zones must be distinct';
  const foreign = zones.filter((z) => !new RegExp(`^${region}[a-z]$`).test(z));
  if (foreign.length) return `has ${foreign.join(', ')} outside region ${region}`;
  const listed = zonesOfRegion(String(region));
  const unknown = listed ? zones.filter((z) => !listed.includes(z)) : [];
  return unknown.length
    ? `has ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is not a zone' : 'are not zones'} of ${region} (it has ${listed!.join(', ')})`
    : undefined;
}

/** The fix for a region's zones: valid zones of that region, never one of those the config gave and was refused. */
function zonesFix(regionConfig: RegionConfig | undefined, which: 'primaryRegion' | 'recoveryRegion'): string {
  const region = regionConfig?.region;
  if (typeof region !== 'string' || !REGION.test(region))
    return `first set ${which}.region, then list three of its zones`;
  const given = Array.isArray(regionConfig?.availabilityZones) ? regionConfig.availabilityZones : [];
  const candidates = zonesOfRegion(region) ?? [...'abcdef'].map((letter) => `${region}${letter}`);
  // Zones the config gave that are valid stay first; a rejected zone (foreign, unknown, or a duplicate) is never shown.
  const keep = [...new Set(given.filter((z) => candidates.includes(z)))];
  const suggestion = [...keep, ...candidates.filter((z) => !keep.includes(z) && !given.includes(z))].slice(0, 3);
  if (suggestion.length < 3)
    return `${region} has only ${candidates.length} zones (${candidates.join(', ')}); choose a region with three`;
  return `list three distinct zones of ${region}, for example ${suggestion.join(', ')}`;
}

function regionProblem(regionConfig: RegionConfig | undefined): string | undefined {
  const region = regionConfig?.region;
  if (typeof region !== 'string' || !REGION.test(region)) return 'is not an AWS region name';
  if (zonesOfRegion(region) || regionConfig?.allowUnlistedRegion === true) return undefined;
  return 'is not in the table of AWS regions (lib/config/aws-regions.ts)';
}

/** The fix for a region name: the listed region it most resembles, when one is close, else the list. */
const regionFix =
  (which: 'primaryRegion' | 'recoveryRegion', example: string) =>
  (c: ResolvedPlatformConfig): string => {
    const given = c[which]?.region;
    const near = typeof given === 'string' ? closestName(given, Object.keys(AWS_REGION_ZONES)) : undefined;
    if (near)
      return `did you mean '${near}'? Use that name, or, for a region AWS launched after the table in lib/config/aws-regions.ts, set ${which}.allowUnlistedRegion: true`;
    return `use a region name such as '${example}' (listed: ${Object.keys(AWS_REGION_ZONES).join(', ')}), or, for a region AWS launched after that table, set ${which}.allowUnlistedRegion: true`;
  };

/** The Config rules the claims need in a region that AWS does not offer there (a stack with one fails to create). */
function missingConfigRules(role: PlatformRegionRole, region: unknown): string | undefined {
  if (typeof region !== 'string') return undefined;
  const missing = configRulesMissingIn(role, region, configRuleOfferedIn);
  return missing.length
    ? `lacks the AWS Config managed rule${missing.length > 1 ? 's' : ''} ${missing.map((r) => `${r.identifier} (${r.claims.join(', ')})`).join(', ')}, which the claims' continuous checks need there (per ${CONFIG_RULE_AVAILABILITY_SOURCE}, read ${CONFIG_RULE_AVAILABILITY_READ}); the stack would fail to create`
    : undefined;
}

const configRulesFix = (which: 'primaryRegion' | 'recoveryRegion') =>
  `choose a ${which}.region where AWS offers every rule of lib/core/requirements/continuous-config-rules.ts (see lib/core/requirements/config-rule-regions.ts), or, if the rule's page now lists the region, delete the region from that rule's row there, citing the page and the date`;

/**
 * A restore-test schedule: AWS cron (minutes hours day-of-month month day-of-week year) that runs every week, since
 * `verify` fails a restore test older than 8 days (lib/core/requirements/live-facts.ts). A day-of-month other than
 * `*` or `?`, or a month other than `*`, skips weeks.
 */
function restoreScheduleProblem(v: string): string | undefined {
  const m = typeof v === 'string' ? /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(v) : null;
  if (!m) return 'is not a 6-field AWS cron expression';
  const [, , , dayOfMonth, month] = m;
  if (!['*', '?'].includes(dayOfMonth) || month !== '*') {
    return 'does not run every week, so a restore test could be older than the 8 days verify accepts (DATA-2)';
  }
  return undefined;
}

/** AWS Backup's floor for an air-gapped vault, and the platform's own for any recovery point (DATA-2). */
const AIR_GAPPED_MIN_DAYS = Math.max(MIN_AIR_GAPPED_RETENTION_DAYS, MIN_RECOVERY_POINT_RETENTION_DAYS);

/**
 * The air-gapped vault's window must hold the daily copy's retention (backup.retentionDays): AWS Backup refuses to
 * copy a recovery point kept shorter than the vault's minimum or longer than its maximum
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html, read 2026-12-07).
 */
function airGappedMinProblem(v: number, c: ResolvedPlatformConfig): string | undefined {
  const days = c.backup.retentionDays;
  if (!Number.isInteger(v) || v < AIR_GAPPED_MIN_DAYS || v > MAX_VAULT_LOCK_RETENTION_DAYS)
    return `must be a whole number from ${AIR_GAPPED_MIN_DAYS} to ${MAX_VAULT_LOCK_RETENTION_DAYS}`;
  return v > days
    ? `exceeds backup.retentionDays (${days}), so AWS Backup would refuse every daily copy into the vault (DATA-3)`
    : undefined;
}

function airGappedMaxProblem(v: number, c: ResolvedPlatformConfig): string | undefined {
  const { minRetentionDays } = c.backup.logicallyAirGappedVault;
  const days = c.backup.retentionDays;
  if (!Number.isInteger(v) || v > MAX_VAULT_LOCK_RETENTION_DAYS)
    return `must be a whole number of at most ${MAX_VAULT_LOCK_RETENTION_DAYS}`;
  if (v < minRetentionDays) return `is below minRetentionDays (${minRetentionDays})`;
  return v < days
    ? `is below backup.retentionDays (${days}), so AWS Backup would refuse every daily copy into the vault (DATA-3)`
    : undefined;
}

/** Where the vault or its Config rule does not exist, the stacks would fail to create. */
function airGappedRegionProblem(enabled: boolean, c: ResolvedPlatformConfig): string | undefined {
  if (enabled !== true) return undefined;
  const recovery = c.recoveryRegion?.region;
  if (AIR_GAPPED_VAULT_UNAVAILABLE_IN.includes(recovery))
    return `is true, but AWS offers no logically air-gapped vault in the recovery region ${recovery} (https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html, read 2026-12-07)`;
  const primary = c.primaryRegion?.region;
  const rule = AURORA_AIR_GAPPED_VAULT_CONFIG_RULE.identifier;
  if (!configRuleOfferedIn(rule, primary))
    return `is true, but AWS offers the Config rule ${rule} not in the primary region ${primary} (per ${CONFIG_RULE_AVAILABILITY_SOURCE}, read 2026-12-07); the stack would fail to create`;
  return undefined;
}

const RULES: readonly ConfigRule[] = [
  {
    setting: 'environmentName',
    read: (c) => c.environmentName,
    problem: matches(/^[a-z][a-z0-9-]{1,15}$/, 'a lower-case name of 2-16 letters, digits or dashes'),
    fix: "use a short name such as 'prod' or 'staging'",
  },
  {
    setting: 'account',
    read: (c) => c.account,
    problem: matches(/^\d{12}$/, 'a 12-digit AWS account id'),
    fix: 'give the 12-digit id of the target account, for example 123456789012',
  },
  {
    setting: 'primaryRegion.region',
    read: (c) => c.primaryRegion?.region,
    problem: (_v: string, c) => regionProblem(c.primaryRegion),
    fix: regionFix('primaryRegion', 'eu-west-1'),
  },
  {
    setting: 'recoveryRegion.region',
    read: (c) => c.recoveryRegion?.region,
    problem: (_v: string, c) => regionProblem(c.recoveryRegion),
    fix: regionFix('recoveryRegion', 'eu-central-1'),
  },
  {
    setting: 'primaryRegion.region',
    read: (c) => c.primaryRegion?.region,
    problem: (v: string) => missingConfigRules('primary', v),
    fix: configRulesFix('primaryRegion'),
    dependsOn: ['primaryRegion.region'],
  },
  {
    setting: 'recoveryRegion.region',
    read: (c) => c.recoveryRegion?.region,
    problem: (v: string) => missingConfigRules('recovery', v),
    fix: configRulesFix('recoveryRegion'),
    dependsOn: ['recoveryRegion.region'],
  },
  {
    setting: 'recoveryRegion.region',
    read: (c) => c.recoveryRegion?.region,
    problem: (v: string, c) =>
      v === c.primaryRegion?.region
        ? 'equals the primary region, so backups would not be stored in a second location (DATA-3)'
        : undefined,
    fix: 'choose a recovery region different from primaryRegion.region',
  },
  {
    setting: 'primaryRegion.availabilityZones',
    read: (c) => c.primaryRegion?.availabilityZones,
    problem: (v: readonly string[], c) => zonesProblem(v, c.primaryRegion),
    fix: (c) => zonesFix(c.primaryRegion, 'primaryRegion'),
    dependsOn: ['primaryRegion.region'],
  },
  {
    setting: 'recoveryRegion.availabilityZones',
    read: (c) => c.recoveryRegion?.availabilityZones,
    problem: (v: readonly string[], c) => zonesProblem(v, c.recoveryRegion),
    fix: (c) => zonesFix(c.recoveryRegion, 'recoveryRegion'),
    dependsOn: ['recoveryRegion.region'],
  },
  {
    setting: 'domainName',
    read: (c) => c.domainName,
    problem: matches(HOSTNAME, 'a lower-case DNS name'),
    fix: "give the public host name, for example 'app.example.com'",
  },
  {
    setting: 'certificateArn',
    read: (c) => c.certificateArn,
    problem: (v: string, c) => {
      const m = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/.exec(v ?? '');
      if (!m) return 'is not an ACM certificate ARN';
      if (m[1] !== c.primaryRegion?.region)
        return `is in ${m[1]}, but the load balancer is in ${c.primaryRegion?.region}`;
      if (m[2] !== c.account) return `belongs to account ${m[2]}, not ${c.account}`;
      return undefined;
    },
    fix: 'issue or import the certificate in ACM of the primary region and account, and give its ARN',
    dependsOn: ['account', 'primaryRegion.region'],
  },
  {
    setting: 'alertEmails',
    read: (c) => c.alertEmails,
    problem: (v: readonly string[]) => {
      if (!Array.isArray(v) || v.length === 0) return 'is empty, so no one would hear of a breach (MONITOR-3)';
      const bad = v.filter((e) => !EMAIL.test(e));
      return bad.length ? `has malformed address(es) ${bad.join(', ')}` : undefined;
    },
    fix: 'list at least one monitored e-mail address, such as security@example.com',
  },
  {
    setting: 'securityContact.contacts',
    read: (c) => c.securityContact?.contacts,
    problem: (v: readonly string[]) => {
      if (!Array.isArray(v) || v.length === 0) return 'is empty; RFC 9116 requires at least one Contact';
      const bad = v.filter((u) => !/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(u));
      return bad.length ? `has ${bad.join(', ')}, which is neither mailto: nor https:` : undefined;
    },
    fix: "give URIs such as 'mailto:security@example.com' or 'https://example.com/security'",
  },
  {
    setting: 'securityContact.expires',
    read: (c) => c.securityContact?.expires,
    problem: (v: string, _c, now) => {
      const t = Date.parse(v);
      if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(v ?? '') || Number.isNaN(t))
        return 'is not an ISO 8601 date (2027-06-30) or date-time (2027-06-30T00:00:00Z)';
      if (t <= now.getTime()) return `has passed (now ${now.toISOString()})`;
      if (t - now.getTime() > ONE_YEAR_MS) return 'is more than a year ahead (RFC 9116 section 2.5.5)';
      return undefined;
    },
    fix: "set a date within the next year, such as '2027-06-30' (the start of that day, UTC) or '2027-06-30T00:00:00Z', and renew it before then",
  },
  {
    setting: 'securityContact.policyUrl',
    read: (c) => c.securityContact?.policyUrl,
    problem: matches(/^https:\/\/\S+$/, 'an https URL'),
    fix: 'link the published security response page over https',
  },
  {
    setting: 'securityContact.preferredLanguages',
    read: (c) => c.securityContact.preferredLanguages,
    problem: (v: readonly string[]) =>
      Array.isArray(v) && v.length > 0 && v.every((l) => /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/.test(l))
        ? undefined
        : 'must list language tags such as en or de',
    fix: "use BCP 47 tags, for example ['en']",
  },
  {
    setting: 'database.instanceType',
    read: (c) => c.database.instanceType,
    problem: matches(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an instance type such as r6g.large'),
    fix: "use an Aurora PostgreSQL instance class without the 'db.' prefix, such as 'r6g.large'",
  },
  {
    setting: 'database.readers',
    read: (c) => c.database.readers,
    problem: intIn(2, 15),
    fix: 'keep at least two readers so writer and readers span three zones (DATA-1, HA-1)',
  },
  {
    setting: 'database.backupRetentionDays',
    read: (c) => c.database.backupRetentionDays,
    problem: intIn(7, 35),
    fix: 'keep Aurora automated backups for 7 to 35 days (DATA-2); the default is 35',
  },
  {
    setting: 'database.databaseName',
    read: (c) => c.database.databaseName,
    problem: matches(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/, 'a PostgreSQL identifier'),
    fix: "use letters, digits and underscores, starting with a letter, such as 'app'",
  },
  {
    setting: 'database.people',
    read: (c) => c.database.people,
    problem: (v: readonly string[]) =>
      Array.isArray(v) && v.every((p) => typeof p === 'string' && /^[a-z][a-z0-9_]{0,62}$/.test(p))
        ? new Set(v).size === v.length
          ? undefined
          : 'names someone twice'
        : 'must list lower-case role names',
    fix: "list each person once as lower-case letters, digits and underscores, starting with a letter, such as ['jane_doe']",
  },
  {
    setting: 'backup.dailyHourUtc',
    read: (c) => c.backup.dailyHourUtc,
    problem: intIn(0, 23),
    fix: 'give the UTC hour of the daily backup, 0 to 23',
  },
  {
    setting: 'backup.retentionDays',
    read: (c) => c.backup.retentionDays,
    problem: intIn(7, 3650),
    fix: 'keep daily recovery points 7 to 3650 days; the default is 35',
  },
  {
    setting: 'backup.vaultLockMode',
    read: (c) => c.backup.vaultLockMode,
    problem: (v: string) =>
      v === 'governance' || v === 'compliance' ? undefined : "is neither 'governance' nor 'compliance'",
    fix: "use 'governance' (default) or, knowing it is irreversible after 72 hours, 'compliance'",
  },
  {
    setting: 'backup.breakGlassRoleArn',
    read: (c) => c.backup.breakGlassRoleArn,
    problem: (v: string | undefined, c) => {
      if (v === undefined) return undefined;
      const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/.exec(v);
      if (!m) return 'is not an IAM role ARN';
      return m[1] === c.account ? undefined : `belongs to account ${m[1]}, not ${c.account}`;
    },
    fix: "give the ARN of a role in this account, such as 'arn:aws:iam::123456789012:role/backup-break-glass', or leave it unset for the platform's own",
  },
  {
    setting: 'backup.breakGlass',
    read: (c) => c.backup.breakGlass,
    problem: breakGlassProblem,
    fix: BREAK_GLASS_FIX,
  },
  {
    setting: 'backup.restoreTesting.scheduleExpression',
    read: (c) => c.backup.restoreTesting.scheduleExpression,
    problem: restoreScheduleProblem,
    fix: "give a 6-field AWS cron expression that runs at least weekly, such as 'cron(0 5 ? * SAT *)' (the default) or 'cron(0 5 ? * MON,THU *)'",
  },
  {
    setting: 'backup.restoreTesting.validationWindowHours',
    read: (c) => c.backup.restoreTesting.validationWindowHours,
    problem: intIn(1, 168),
    fix: 'give the hours a restored store is kept for validation, 1 to 168; the default is 4',
  },
  {
    setting: 'backup.restoreTesting.expectedTables',
    read: (c) => c.backup.restoreTesting.expectedTables,
    problem: (v: Readonly<Record<string, number>>) => {
      const bad = Object.entries(v ?? {}).filter(
        ([table, rows]) => !/^[a-z_][a-z0-9_]{0,62}$/.test(table) || !Number.isInteger(rows) || rows < 0,
      );
      return bad.length ? `has ${bad.map(([t, r]) => `${t}: ${r}`).join(', ')}` : undefined;
    },
    fix: 'map each table of schema app (lower-case name, no schema prefix) to the fewest rows a restore must hold, such as { orders: 1 }',
  },
  {
    setting: 'backup.logicallyAirGappedVault.enabled',
    read: (c) => c.backup.logicallyAirGappedVault.enabled,
    problem: airGappedRegionProblem,
    // No dependsOn: a region already refused for other rules still lacks the vault, and a malformed name matches nothing.
    fix: 'leave backup.logicallyAirGappedVault.enabled false in these regions, or choose regions where AWS offers both the vault and the rule (docs/air-gapped-vault.md)',
  },
  {
    setting: 'backup.logicallyAirGappedVault.minRetentionDays',
    read: (c) => c.backup.logicallyAirGappedVault.minRetentionDays,
    problem: airGappedMinProblem,
    fix: (c) =>
      `give whole days from ${AIR_GAPPED_MIN_DAYS} to backup.retentionDays (${c.backup.retentionDays}), or leave it unset for backup.retentionDays`,
    dependsOn: ['backup.retentionDays'],
  },
  {
    setting: 'backup.logicallyAirGappedVault.maxRetentionDays',
    read: (c) => c.backup.logicallyAirGappedVault.maxRetentionDays,
    problem: airGappedMaxProblem,
    fix: (c) =>
      `give whole days from the larger of minRetentionDays and backup.retentionDays (${c.backup.retentionDays}) to ${MAX_VAULT_LOCK_RETENTION_DAYS}, or leave it unset for twice minRetentionDays`,
    dependsOn: ['backup.retentionDays', 'backup.logicallyAirGappedVault.minRetentionDays'],
  },
  {
    setting: 'service.image',
    read: (c) => c.service.image,
    problem: (v: string | undefined) =>
      v === undefined ? undefined : matches(/^\S+$/, 'a container image reference')(v),
    fix: "give an image such as '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2.3'",
  },
  {
    setting: 'service.containerPort',
    read: (c) => c.service.containerPort,
    problem: intIn(1024, 65535),
    fix: 'listen on an unprivileged port (1024-65535) so the container runs as a non-root user',
  },
  {
    setting: 'service.desiredCount',
    read: (c) => c.service.desiredCount,
    problem: (v: number, c) => {
      const min = c.optOuts.allowFewerThanThreeTasks ? 1 : 3;
      const problem = intIn(min, 1000)(v);
      return problem && min === 3 ? `${problem}, one task per zone (HA-1)` : problem;
    },
    fix: 'run at least 3 tasks, or set optOuts.allowFewerThanThreeTasks: true and accept a weakened HA-1 in the evidence',
  },
  {
    setting: 'service.maxCount',
    read: (c) => c.service.maxCount,
    problem: (v: number, c) =>
      Number.isInteger(v) && v >= c.service.desiredCount
        ? undefined
        : `must be a whole number no smaller than service.desiredCount (${c.service.desiredCount})`,
    fix: 'raise service.maxCount to at least service.desiredCount',
  },
  {
    setting: 'service.cpu',
    read: (c) => c.service.cpu,
    problem: (v: number) =>
      v in FARGATE_MEMORY ? undefined : `is not a Fargate CPU size (${Object.keys(FARGATE_MEMORY).join(', ')})`,
    fix: 'pick one of the Fargate CPU sizes',
  },
  {
    setting: 'service.memoryMiB',
    read: (c) => c.service.memoryMiB,
    problem: (v: number, c) => {
      const range = FARGATE_MEMORY[c.service.cpu];
      if (!range) return undefined; // reported under service.cpu
      const fits = Number.isInteger(v) && v >= range[0] && v <= range[1] && (v % 1024 === 0 || v === 512);
      return fits
        ? undefined
        : `does not fit ${c.service.cpu} CPU units (allowed ${range[0]}-${range[1]} MiB in whole GiB)`;
    },
    fix: 'choose a memory size Fargate allows for the chosen CPU',
  },
  {
    setting: 'service.healthCheckPath',
    read: (c) => c.service.healthCheckPath,
    problem: matches(/^\/\S*$/, 'an absolute path'),
    fix: "give a path starting with '/', such as '/healthz'",
  },
  {
    setting: 'dump.gpgPublicKey',
    read: (c) => c.dump?.gpgPublicKey,
    problem: (v: string, c, now) => {
      const armor = armorProblem(v);
      if (armor) return armor;
      const key = c.dumpKey;
      if (key.unreadable) return `is not an OpenPGP key that openpgp can read (${key.unreadable})`;
      if (key.isPrivate) return 'is a private key; the private half must never enter AWS (REST-3)';
      if (key.noEncryptionKeyNow) return `has no usable encryption subkey (openpgp: ${key.noEncryptionKeyNow})`;
      if (key.noEncryptionKeyLater) {
        return `has an encryption key that stops being usable at ${key.encryptionKeyExpires}, within ${DUMP_KEY_MIN_VALIDITY_DAYS} days of ${now.toISOString()}`;
      }
      return undefined;
    },
    fix: "export the recipient's public key (not the secret key) with 'gpg --armor --export KEYID', with an encryption subkey valid for at least another year (extend it with gpg --quick-set-expire FINGERPRINT 2y '*')",
  },
  {
    setting: 'dump.dailyHourUtc',
    read: (c) => c.dump.dailyHourUtc,
    problem: intIn(0, 23),
    fix: 'give the UTC hour of the daily dump, 0 to 23',
  },
  {
    setting: 'optOuts.natGateways',
    read: (c) => c.optOuts.natGateways,
    problem: (v: number | undefined) => (v === undefined ? undefined : intIn(1, 3)(v)),
    fix: 'leave unset for one NAT gateway per zone, or give 1-3 and accept a weakened HA-1 in the evidence',
  },
  ...(Object.keys(THREAT_DETECTION_SERVICES) as ThreatDetectionService[]).map((service): ConfigRule => ({
    setting: `threatDetection.${service}`,
    read: (c) => c.threatDetection[service],
    problem: (v: unknown) => serviceModeSettingProblem(v),
    fix: serviceModeSettingFix(THREAT_DETECTION_SERVICES[service].name),
  })),
];

/**
 * What the text of the key shows before openpgp reads it: a private key block, or no public key block at all
 * (undefined when it looks like an armored public key). The config resolver skips openpgp when this finds a problem.
 */
export function armorProblem(v: unknown): string | undefined {
  if (typeof v !== 'string') return 'is missing';
  if (/PRIVATE KEY/.test(v)) return 'contains a PRIVATE key block; the private half must never enter AWS (REST-3)';
  return /-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]+-----END PGP PUBLIC KEY BLOCK-----/.test(v)
    ? undefined
    : 'is not an ASCII-armored PGP public key block';
}

/** Runs every rule and throws one PlatformConfigError listing all violations; token values are skipped. */
export function validatePlatformConfig(config: ResolvedPlatformConfig, now: Date): void {
  const violations = configViolations(config, now);
  if (violations.length > 0) throw new PlatformConfigError(String(config.environmentName), violations);
}

/**
 * Every violation of the rules table, in table order; token values are skipped, and so is a rule that depends on a
 * setting already found wrong (here, or in `wrongAlready`: the schema's type errors).
 */
export function configViolations(
  config: ResolvedPlatformConfig,
  now: Date,
  wrongAlready: readonly string[] = [],
): ConfigViolation[] {
  const violations: ConfigViolation[] = [];
  for (const rule of RULES) {
    const wrong = (setting: string) => wrongAlready.includes(setting) || violations.some((v) => v.setting === setting);
    if (rule.dependsOn?.some(wrong)) continue;
    const value = safeRead(rule, config);
    if (typeof value === 'string' && Token.isUnresolved(value)) continue;
    const problem = (rule.problem as (v: unknown, c: ResolvedPlatformConfig, n: Date) => string | undefined)(
      value,
      config,
      now,
    );
    if (problem) {
      const fix = typeof rule.fix === 'string' ? rule.fix : rule.fix(config);
      violations.push({ setting: rule.setting, value, problem, fix });
    }
  }
  return violations;
}

function safeRead(rule: ConfigRule, config: ResolvedPlatformConfig): unknown {
  try {
    return rule.read(config);
  } catch {
    return undefined;
  }
}

/** The settings the table checks, for tests that prove each has a failing case. */
export const VALIDATED_SETTINGS: readonly string[] = [...new Set(RULES.map((r) => r.setting))];
