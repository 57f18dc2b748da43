import type { ClaimId } from './claims/claim';
import {
  MODE_REGIONS,
  regionalModes,
  serviceModeOptOutKey,
  serviceModeSettingProblem,
  THREAT_DETECTION_SERVICES,
  ThreatDetectionService,
} from './service-modes';

/** The redundancy tiers of the HA-1 analysis an opt-out can weaken. */
export type RedundancyTier = 'edge' | 'service' | 'egress' | 'database' | 'storage' | 'backups';

export interface OptOut {
  /** Key under which the stage records it in the platform metadata's `optOuts` (for most, its key under `optOuts`). */
  readonly key: OptOutKey;
  /** Dotted path of the setting, as errors and the evidence print it. */
  readonly configPath: string;
  /** The claim the opt-out weakens. */
  readonly claim: ClaimId;
  /** What is weaker when it is set, in words an auditor reads in the evidence. */
  readonly effect: string;
  /** The HA-1 tier it weakens, when it weakens one. */
  readonly redundancyTier?: RedundancyTier;
  /** Whether a recorded value means the opt-out is taken (false / undefined means secure default). */
  readonly isTaken: (value: unknown) => boolean;
  /**
   * The effect of one recorded value, when it depends on the value (a mode per region names the regions it leaves).
   * @default - `effect`
   */
  readonly effectOf?: (value: unknown, regions: RegionNames) => string;
}

/** An environment's regions by role, as its metadata names them. */
export interface RegionNames {
  readonly primary?: string;
  readonly recovery?: string;
}

export type OptOutKey = 'allowFewerThanThreeTasks' | 'natGateways' | `${ThreatDetectionService}Mode`;

const flagSet = (value: unknown) => value === true;
const numberSet = (value: unknown) => typeof value === 'number';
/** A mode (or a per-region object) that leaves the service to the account or the organisation in some region. */
const notCreated = (value: unknown) =>
  value !== undefined &&
  serviceModeSettingProblem(value) === undefined &&
  MODE_REGIONS.some((r) => regionalModes('mode', value)[r] !== 'create');

/** A service left to the account (`existing`) or the organisation (`organization`) weakens MONITOR-2. */
function serviceModeOptOut(service: ThreatDetectionService): OptOut {
  const name = THREAT_DETECTION_SERVICES[service].name;
  const relied =
    "'existing' relies on the account's own, 'organization' on a delegated administrator; either way MONITOR-2 relies on a setup this assembly does not prove";
  return {
    key: serviceModeOptOutKey(service),
    configPath: `threatDetection.${service}`,
    claim: 'MONITOR-2',
    effect: `${name} is not declared here: ${relied}`,
    isTaken: notCreated,
    effectOf: (value, regions) => {
      if (typeof value === 'string' || !notCreated(value)) return `${name} is not declared here: ${relied}`;
      const modes = regionalModes(`threatDetection.${service}`, value);
      const named = (r: (typeof MODE_REGIONS)[number]) => `${regions[r] ?? `the ${r} region`} (${r}: '${modes[r]}')`;
      const left = MODE_REGIONS.filter((r) => modes[r] !== 'create');
      const created = MODE_REGIONS.filter((r) => modes[r] === 'create');
      return `${name} is not declared in ${left.map(named).join(' or ')}${created.length ? `, only in ${created.map(named).join(' and ')}` : ''}: there ${relied}`;
    },
  };
}

/**
 * Every explicit weakening of the secure defaults, in one table: the config accepts exactly these keys, the
 * constructs name them in their errors, and the checks, the redundancy analysis and the evidence report them.
 */
export const OPT_OUTS: Readonly<Record<OptOutKey, OptOut>> = {
  allowFewerThanThreeTasks: {
    key: 'allowFewerThanThreeTasks',
    configPath: 'optOuts.allowFewerThanThreeTasks',
    claim: 'HA-1',
    effect: 'fewer than three service tasks: losing a zone or two tasks may stop the service',
    redundancyTier: 'service',
    isTaken: flagSet,
  },
  natGateways: {
    key: 'natGateways',
    configPath: 'optOuts.natGateways',
    claim: 'HA-1',
    effect: 'fewer NAT gateways than zones: losing the zone of a NAT gateway cuts egress for the others',
    redundancyTier: 'egress',
    isTaken: numberSet,
  },
  guardDutyMode: serviceModeOptOut('guardDuty'),
  securityHubMode: serviceModeOptOut('securityHub'),
  accessAnalyzerMode: serviceModeOptOut('accessAnalyzer'),
  configMode: serviceModeOptOut('config'),
};

/** The opt-outs recorded in `optOuts` that are taken, in table order. */
export function takenOptOuts(recorded: Readonly<Record<string, unknown>>): { optOut: OptOut; value: unknown }[] {
  return Object.values(OPT_OUTS)
    .filter((o) => o.isTaken(recorded[o.key]))
    .map((optOut) => ({ optOut, value: recorded[optOut.key] }));
}
