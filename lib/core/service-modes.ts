import { IConstruct } from 'constructs';
import { PlatformConstructError } from './errors';

/**
 * How the platform relates to an account-and-region singleton service (GuardDuty, Security Hub, IAM Access
 * Analyzer, AWS Config recording):
 * - `create`: the platform declares it (the default, and the only mode in which MONITOR-2 is proven here);
 * - `existing`: the account already runs it (declaring a second one fails); the platform adds only its own
 *   rules and forwarding, and the evidence reports the part as weakened (present, but not proven by this assembly);
 * - `organization`: a delegated administrator of the organisation runs it; the evidence names it as inherited.
 */
export type ServiceMode = 'create' | 'existing' | 'organization';

export const SERVICE_MODES: readonly ServiceMode[] = ['create', 'existing', 'organization'];

/** The two regions of an environment, by role: the keys of a per-region mode. */
export type ModeRegion = 'primary' | 'recovery';

export const MODE_REGIONS: readonly ModeRegion[] = ['primary', 'recovery'];

/** One mode per region, both given (an account that runs GuardDuty in its home region only). */
export interface RegionalServiceModes {
  readonly primary: ServiceMode;
  readonly recovery: ServiceMode;
}

/** What `threatDetection.<service>` takes: one mode for both regions, or one per region. */
export type ServiceModeSetting = ServiceMode | RegionalServiceModes;

export function isServiceMode(value: unknown): value is ServiceMode {
  return SERVICE_MODES.includes(value as ServiceMode);
}

const MODE_CHOICES = SERVICE_MODES.join(', ');

/**
 * What is wrong with a `threatDetection.<service>` value, or undefined when it is a mode or a per-region object with
 * exactly `primary` and `recovery`, each a mode. Undefined (unset) is fine: it means `create`.
 */
export function serviceModeSettingProblem(value: unknown): string | undefined {
  if (value === undefined || isServiceMode(value)) return undefined;
  if (typeof value === 'string') return `is not one of ${MODE_CHOICES}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `is ${Array.isArray(value) ? 'a list' : String(value === null ? 'null' : typeof value)}, neither a mode (${MODE_CHOICES}) nor a per-region object { primary, recovery }`;
  const record = value as Record<string, unknown>;
  const strays = Object.keys(record).filter((k) => !MODE_REGIONS.includes(k as ModeRegion));
  const missing = MODE_REGIONS.filter((r) => record[r] === undefined);
  const quoted = (keys: readonly string[]) => keys.map((k) => `'${k}'`).join(' and ');
  if (strays.length)
    return `has the region key${strays.length > 1 ? 's' : ''} ${quoted(strays)}${missing.length ? ` where ${quoted(missing)} ${missing.length > 1 ? 'are' : 'is'} missing` : ''}; a per-region object takes exactly 'primary' and 'recovery'`;
  if (missing.length) return `lacks ${quoted(missing)}; a per-region object needs both 'primary' and 'recovery'`;
  const bad = MODE_REGIONS.filter((r) => !isServiceMode(record[r]));
  return bad.length
    ? bad.map((r) => `has ${r} = ${JSON.stringify(record[r])}, not one of ${MODE_CHOICES}`).join('; ')
    : undefined;
}

/** The fix for a bad `threatDetection.<service>` value. */
export function serviceModeSettingFix(serviceName: string): string {
  return `use 'create' (default), 'existing' when the account already runs ${serviceName}, or 'organization' when a delegated administrator does; for different modes per region give { "primary": <mode>, "recovery": <mode> } (both keys); 'npx secure-platform preflight' tells which`;
}

/**
 * Both regions' modes of a setting (unset: `create` in both). A value that is neither fails, naming the setting, the
 * value and the fix (the config is validated before; this guards constructs and templates read directly).
 */
export function regionalModes(setting: string, value: unknown): RegionalServiceModes {
  const problem = serviceModeSettingProblem(value);
  if (problem)
    throw new PlatformConstructError({
      code: 'ThreatDetection.regionalServiceMode',
      setting,
      value,
      problem,
      fix: `give one of ${SERVICE_MODES.map((m) => `'${m}'`).join(', ')}, or { primary: <mode>, recovery: <mode> }`,
    });
  if (value === undefined) return { primary: 'create', recovery: 'create' };
  if (isServiceMode(value)) return { primary: value, recovery: value };
  return value as RegionalServiceModes;
}

/** The mode a setting gives one region. */
export function modeInRegion(setting: string, value: unknown, region: ModeRegion): ServiceMode {
  return regionalModes(setting, value)[region];
}

/** A setting in its shortest form: one mode when both regions share it (what a config would say). */
export function compactModes(modes: RegionalServiceModes): ServiceModeSetting {
  return modes.primary === modes.recovery ? modes.primary : { primary: modes.primary, recovery: modes.recovery };
}

/** A setting as a person writes it: `'existing'`, or `{ primary: 'create', recovery: 'existing' }`. */
export function formatModeSetting(value: ServiceModeSetting): string {
  return typeof value === 'string' ? `'${value}'` : `{ primary: '${value.primary}', recovery: '${value.recovery}' }`;
}

/** The singleton services a mode is chosen for, by their key under `threatDetection` in the config. */
export type ThreatDetectionService = 'guardDuty' | 'securityHub' | 'accessAnalyzer' | 'config';

export const THREAT_DETECTION_SERVICES: Readonly<Record<ThreatDetectionService, { readonly name: string }>> = {
  guardDuty: { name: 'GuardDuty' },
  securityHub: { name: 'Security Hub' },
  accessAnalyzer: { name: 'IAM Access Analyzer' },
  config: { name: 'AWS Config recording' },
};

/** The key under which the stage records a service's mode among the opt-outs of the platform metadata. */
export function serviceModeOptOutKey(service: ThreatDetectionService): `${ThreatDetectionService}Mode` {
  return `${service}Mode`;
}

/**
 * The mode given for `setting`, `create` when none is given; anything else fails at synth, naming the value and
 * the choices (a typo must not leave a detector out silently).
 */
export function serviceModeOf(setting: string, value: unknown, scope?: IConstruct): ServiceMode {
  if (value === undefined) return 'create';
  if (SERVICE_MODES.includes(value as ServiceMode)) return value as ServiceMode;
  throw new PlatformConstructError({
    code: 'ThreatDetection.serviceMode',
    scope,
    setting,
    value,
    problem: 'is not a service mode',
    fix: `give one of ${SERVICE_MODES.map((m) => `'${m}'`).join(', ')} (default 'create')`,
  });
}

/**
 * A service's mode in one region as the platform metadata records it (`<service>Mode` among the opt-outs, written by
 * the stage): unset is `create`; a value that is no setting reads as `create`, which the checks then judge strictly.
 */
export function recordedModeIn(
  optOuts: Readonly<Record<string, unknown>>,
  service: ThreatDetectionService,
  region: ModeRegion,
): ServiceMode {
  const recorded = optOuts[serviceModeOptOutKey(service)];
  return serviceModeSettingProblem(recorded) ? 'create' : modeInRegion(service, recorded, region);
}
