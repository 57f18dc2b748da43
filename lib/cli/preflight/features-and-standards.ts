/**
 * Where the platform relies on an account's own (`existing`) or the organisation's (`organization`) GuardDuty and
 * Security Hub, the claims still need what `create` would have enabled: the detector's features (core's
 * REQUIRED_DETECTOR_FEATURES) and the AWS Foundational Security Best Practices standard. Pure decisions on the SDK's
 * answer shapes, and the read-only calls that fetch them (a failing call is the caller's blocking finding).
 */
import {
  FSBP_STANDARD_RESOURCE,
  FSBP_STANDARD_VERSION,
  REQUIRED_DETECTOR_FEATURES,
} from '../../core/requirements/threat-detection-features';
import { ModeRegion, ServiceMode } from '../../core/service-modes';
import { PreflightFinding } from './report';
import { AwsSession } from './session';

/** A detector as `GetDetector` answers (the fields read). */
export interface DetectorReading {
  readonly id: string;
  readonly Status?: string;
  readonly Features?: readonly {
    readonly Name?: string;
    readonly Status?: string;
    readonly AdditionalConfiguration?: readonly { readonly Name?: string; readonly Status?: string }[];
  }[];
}

/** A subscription as `GetEnabledStandards` answers (the fields read). */
export interface StandardReading {
  readonly StandardsArn?: string;
  readonly StandardsStatus?: string;
}

/** Which region and which mode the platform relies on there. */
export interface ReliedOn {
  readonly region: string;
  readonly role: ModeRegion;
  readonly mode: Exclude<ServiceMode, 'create'>;
}

const on = (status: string | undefined) => status?.toUpperCase() === 'ENABLED';

/** What one detector lacks of what the platform's detector would have, in words ([] when nothing). */
export function missingDetectorFeatures(detector: DetectorReading): string[] {
  const missing: string[] = on(detector.Status) ? [] : [`the detector itself (status ${detector.Status ?? 'unknown'})`];
  for (const required of REQUIRED_DETECTOR_FEATURES) {
    const feature = detector.Features?.find((f) => f.Name === required.name);
    if (!on(feature?.Status)) {
      missing.push(`${required.name} (${required.why})`);
      continue;
    }
    for (const extra of required.additionalConfiguration)
      if (!on(feature?.AdditionalConfiguration?.find((c) => c.Name === extra)?.Status))
        missing.push(`${required.name}'s ${extra} (${required.why})`);
  }
  return missing;
}

/** Blocking findings for each detector of the region that lacks a feature the claims rely on. */
export function detectorFeatureFindings(at: ReliedOn, detectors: readonly DetectorReading[]): PreflightFinding[] {
  return detectors.flatMap((detector): PreflightFinding[] => {
    const missing = missingDetectorFeatures(detector);
    if (missing.length === 0) return [];
    const enable =
      at.mode === 'organization'
        ? "the delegated administrator enables them for the members (GuardDuty's organisation configuration)"
        : `aws guardduty update-detector --detector-id ${detector.id} --region ${at.region} --features ...`;
    return [
      {
        region: at.region,
        kind: 'prerequisite',
        subject: `GuardDuty detector ${detector.id}`,
        blocking: true,
        detail: `lacks ${missing.join(', ')}, which MONITOR-2 relies on where threatDetection.guardDuty is '${at.mode}' (${at.role} region). Enable ${missing.length === 1 ? 'it' : 'them'} (${enable}), or remove this detector and use 'create' for the ${at.role} region, which declares one with them`,
      },
    ];
  });
}

const isFsbp = (s: StandardReading) => (s.StandardsArn ?? '').endsWith(`::${FSBP_STANDARD_RESOURCE}`);

/** A blocking finding when the hub lacks the AWS Foundational Security Best Practices standard, or it is not READY. */
export function standardFindings(at: ReliedOn, subscriptions: readonly StandardReading[]): PreflightFinding[] {
  const fsbp = subscriptions.find(isFsbp);
  if (fsbp?.StandardsStatus === 'READY') return [];
  const name = `AWS Foundational Security Best Practices v${FSBP_STANDARD_VERSION}`;
  const enable =
    at.mode === 'organization'
      ? "the delegated administrator enables it (Security Hub's central configuration policy)"
      : `aws securityhub batch-enable-standards --region ${at.region} --standards-subscription-requests StandardsArn=arn:aws:securityhub:${at.region}::${FSBP_STANDARD_RESOURCE}`;
  const what = fsbp
    ? `has ${name} with status ${fsbp.StandardsStatus ?? 'unknown'}, not READY`
    : `lacks the ${name} standard`;
  return [
    {
      region: at.region,
      kind: 'prerequisite',
      subject: 'Security Hub standards',
      blocking: true,
      detail: `${what}, which MONITOR-2 relies on where threatDetection.securityHub is '${at.mode}' (${at.role} region). Enable it (${enable}), or disable this hub and use 'create' for the ${at.role} region, which subscribes to it`,
    },
  ];
}

/** Every detector of the region with its features (`ListDetectors`, `GetDetector`); throws when a call fails. */
export async function readDetectors(aws: AwsSession, region: string): Promise<DetectorReading[]> {
  const { GuardDutyClient, ListDetectorsCommand, GetDetectorCommand } = aws.sdk.guardDuty;
  const guardDuty = aws.open(new GuardDutyClient(aws.config(region)));
  const ids = (await guardDuty.send(new ListDetectorsCommand({}))).DetectorIds ?? [];
  const detectors: DetectorReading[] = [];
  for (const id of ids) {
    const answer = await guardDuty.send(new GetDetectorCommand({ DetectorId: id }));
    detectors.push({ id, Status: answer.Status, Features: answer.Features });
  }
  return detectors;
}

/** The hub's enabled standards, every page (`GetEnabledStandards`); throws when a call fails. */
export async function readEnabledStandards(aws: AwsSession, region: string): Promise<StandardReading[]> {
  const { SecurityHubClient, GetEnabledStandardsCommand } = aws.sdk.securityHub;
  const hub = aws.open(new SecurityHubClient(aws.config(region)));
  const subscriptions: StandardReading[] = [];
  let NextToken: string | undefined;
  do {
    const page = await hub.send(new GetEnabledStandardsCommand({ NextToken }));
    subscriptions.push(...(page.StandardsSubscriptions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return subscriptions;
}
