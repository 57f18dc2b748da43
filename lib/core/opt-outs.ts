import type { ClaimId } from './claims/claim';
import { serviceModeOptOutKey, THREAT_DETECTION_SERVICES, ThreatDetectionService } from './service-modes';

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
}

export type OptOutKey = 'allowFewerThanThreeTasks' | 'natGateways' | `${ThreatDetectionService}Mode`;

const flagSet = (value: unknown) => value === true;
const numberSet = (value: unknown) => typeof value === 'number';
const notCreated = (value: unknown) => value === 'existing' || value === 'organization';

/** A service left to the account (`existing`) or the organisation (`organization`) weakens MONITOR-2. */
function serviceModeOptOut(service: ThreatDetectionService): OptOut {
  const name = THREAT_DETECTION_SERVICES[service].name;
  return {
    key: serviceModeOptOutKey(service),
    configPath: `threatDetection.${service}`,
    claim: 'MONITOR-2',
    effect: `${name} is not declared here: 'existing' relies on the account's own, 'organization' on a delegated administrator; either way MONITOR-2 relies on a setup this assembly does not prove`,
    isTaken: notCreated,
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
