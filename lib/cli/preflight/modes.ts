/**
 * What an account singleton seen in one region says about the `threatDetection` mode to choose, and how a configured
 * mode that contradicts it is reported. Pure functions of what the List/Describe/Get calls returned.
 */
import {
  compactModes,
  formatModeSetting,
  regionalModes,
  ModeRegion,
  RegionalServiceModes,
  ServiceMode,
  ServiceModeSetting,
  ThreatDetectionService,
} from '../../core/service-modes';
import { PreflightFinding } from './report';

/** One service in one region, as the account shows it. */
export interface Sighting {
  /** The mode what runs here asks for: `create` when nothing runs. */
  readonly mode: ServiceMode;
  /** What runs, in a sentence, when something does. */
  readonly found?: string;
  /** What was seen but does not decide the mode. */
  readonly notes?: readonly string[];
}

const enabled = (status: string | undefined) => status?.toUpperCase() === 'ENABLED';

/** GuardDuty: a detector whose administrator relationship is enabled is run by that administrator. */
export function guardDutySighting(
  detectors: readonly { id: string; administrator?: { AccountId?: string; RelationshipStatus?: string } }[],
): Sighting {
  if (detectors.length === 0) return { mode: 'create' };
  const managed = detectors.find((d) => enabled(d.administrator?.RelationshipStatus));
  if (managed)
    return {
      mode: 'organization',
      found: `GuardDuty detector ${managed.id} exists, administered by account ${managed.administrator?.AccountId}`,
    };
  const pending = detectors.filter((d) => d.administrator?.AccountId);
  return {
    mode: 'existing',
    found: `GuardDuty detector ${detectors.map((d) => d.id).join(', ')} exists, run by this account`,
    notes: pending.map(
      (d) =>
        `detector ${d.id}: administrator ${d.administrator?.AccountId} with relationship '${d.administrator?.RelationshipStatus}', not enabled, so not counted`,
    ),
  };
}

/** Security Hub: an enabled hub with an administrator (enabled membership) is run by that administrator. */
export function securityHubSighting(
  hubArn: string | undefined,
  administrator: { AccountId?: string; MemberStatus?: string } | undefined,
): Sighting {
  if (!hubArn) return { mode: 'create' };
  if (administrator?.AccountId && enabled(administrator.MemberStatus))
    return {
      mode: 'organization',
      found: `Security Hub is enabled (${hubArn}), administered by account ${administrator.AccountId}`,
    };
  return {
    mode: 'existing',
    found: `Security Hub is enabled (${hubArn}), run by this account`,
    notes: administrator?.AccountId
      ? [
          `administrator ${administrator.AccountId} with member status '${administrator.MemberStatus}', not enabled, so not counted`,
        ]
      : [],
  };
}

const CONTROL_TOWER_RECORDER = /^aws-controltower-/;

/**
 * AWS Config: a region has one customer managed recorder; Control Tower's (`aws-controltower-...`, set up from the
 * management account) means the organisation records. A service-linked recorder (`servicePrincipal` set) is left
 * out: it records only what its linked service needs (scope set by that service, often INTERNAL, delivering nothing)
 * and does not take the customer managed slot, so the platform's own recorder neither collides with it nor is
 * replaced by it.
 */
export function configSighting(
  recorders: readonly { name?: string; servicePrincipal?: string; recordingScope?: string }[],
): Sighting {
  const notes = recorders
    .filter((r) => r.servicePrincipal)
    .map(
      (r) =>
        `service-linked recorder ${r.name} (for ${r.servicePrincipal}, scope ${r.recordingScope ?? 'unknown'}) not counted: it records only for its service and leaves the customer managed recorder free`,
    );
  const own = recorders.filter((r) => !r.servicePrincipal);
  if (own.length === 0) return { mode: 'create', notes };
  const names = own.map((r) => r.name).join(', ');
  return own.some((r) => CONTROL_TOWER_RECORDER.test(r.name ?? ''))
    ? { mode: 'organization', found: `AWS Config recorder ${names} exists, managed by AWS Control Tower`, notes }
    : { mode: 'existing', found: `AWS Config recorder ${names} exists, run by this account`, notes };
}

/**
 * IAM Access Analyzer (external access): an ORGANIZATION analyzer is visible only in the account that runs it (the
 * delegated administrator or the management account), so here it means this account runs the organisation's.
 */
export function accessAnalyzerSighting(analyzers: readonly { name?: string; type?: string }[]): Sighting {
  const named = (type: string) =>
    analyzers
      .filter((a) => a.type === type)
      .map((a) => a.name)
      .join(', ');
  const organization = named('ORGANIZATION');
  const account = named('ACCOUNT');
  if (organization)
    return {
      mode: 'organization',
      found: `organization Access Analyzer ${organization} exists: this account is the organisation's delegated administrator (or its management account)`,
      notes: account ? [`account Access Analyzer ${account} exists beside it`] : [],
    };
  if (account) return { mode: 'existing', found: `account Access Analyzer ${account} exists, run by this account` };
  return { mode: 'create' };
}

/** Said whenever no organization analyzer is visible: the preflight cannot tell `create` from `organization` there. */
export const ACCESS_ANALYZER_BLIND_SPOT =
  "a member account cannot see an organization analyzer that a delegated administrator runs elsewhere: if one covers this account, 'organization' is also a true choice (an account analyzer from 'create' sits beside it without colliding)";

const PRECEDENCE: readonly ServiceMode[] = ['organization', 'existing', 'create'];

/** One region's mode: the strongest seen there; the configured one if the region did not answer. */
export function suggestMode(sightings: readonly Sighting[], configured: ServiceMode): ServiceMode {
  if (sightings.length === 0) return configured;
  return PRECEDENCE.find((mode) => sightings.some((s) => s.mode === mode)) ?? 'create';
}

/** A service seen in one region of the environment. */
export interface RegionSighting {
  readonly region: string;
  /** Which of the environment's regions it is (the key of a per-region mode). */
  readonly role: ModeRegion;
  readonly sighting: Sighting;
}

/**
 * The value to put in the config, per region: one mode when both regions ask for the same, else
 * `{ primary, recovery }` (an account that runs GuardDuty in its home region only).
 */
export function suggestModes(seen: readonly RegionSighting[], configured: RegionalServiceModes): ServiceModeSetting {
  const per = (role: ModeRegion) =>
    suggestMode(
      seen.filter((s) => s.role === role).map((s) => s.sighting),
      configured[role],
    );
  return compactModes({ primary: per('primary'), recovery: per('recovery') });
}

/**
 * Each region where the configured mode contradicts what runs, with the fix (the whole value to set, per region when
 * the regions differ). Blocking when deploying as configured fails (`create` beside a running singleton: the
 * ThreatDetection stack collides and rolls back) or leaves the service off in a region (`existing`/`organization`
 * where nothing runs: MONITOR-2 would rest on nothing). Naming the wrong runner (`existing` against `organization`)
 * deploys the same resources and only misstates in the evidence who runs it, so it is reported, not blocking.
 */
export function modeFindings(
  service: ThreatDetectionService,
  setting: ServiceModeSetting,
  seen: readonly RegionSighting[],
): PreflightFinding[] {
  const name = `threatDetection.${service}`;
  const configured = regionalModes(name, setting);
  const fix = `Set ${name} to ${formatModeSetting(suggestModes(seen, configured))}`;
  return seen.flatMap(({ region, role, sighting: { mode, found } }): PreflightFinding[] => {
    const here = configured[role];
    if (mode === here) return [];
    const at = { region, subject: name };
    const is = configured.primary === configured.recovery ? `is '${here}'` : `is '${here}' in the ${role} region`;
    if (here === 'create')
      return [
        {
          ...at,
          kind: 'mode',
          blocking: true,
          detail: `${is} but ${found}: declaring a second one fails the deploy. ${fix}`,
        },
      ];
    if (mode === 'create') {
      if (service === 'accessAnalyzer' && here === 'organization')
        return [
          {
            ...at,
            kind: 'note',
            detail: `${is} and no analyzer is visible here; ${ACCESS_ANALYZER_BLIND_SPOT}`,
          },
        ];
      return [
        {
          ...at,
          kind: 'mode',
          blocking: true,
          detail: `${is} but nothing runs it here: the platform would declare none and the service would be off. ${fix} (or enable it in the account first)`,
        },
      ];
    }
    return [
      {
        ...at,
        kind: 'mode',
        detail: `${is} but ${found}: the evidence would misname who runs it. ${fix}`,
      },
    ];
  });
}
