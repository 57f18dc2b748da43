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
export function serviceModeOf(setting: string, value: unknown): ServiceMode {
  if (value === undefined) return 'create';
  if (SERVICE_MODES.includes(value as ServiceMode)) return value as ServiceMode;
  throw new Error(
    `${setting} = ${JSON.stringify(value)} is not a service mode. Fix: give one of ${SERVICE_MODES.map((m) => `'${m}'`).join(', ')} (default 'create').`,
  );
}
