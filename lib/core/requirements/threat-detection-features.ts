/**
 * What MONITOR-2 (and the runtime instrumentation of the Fargate tasks) relies on in GuardDuty and Security Hub: the
 * ThreatDetection construct enables exactly these in `create` mode, and the preflight requires them of an account's
 * own (`existing`) or the organisation's (`organization`) detector and hub.
 */

/** A GuardDuty detector feature (`GetDetector` Features), with the additional configurations it must have on. */
export interface RequiredDetectorFeature {
  readonly name: string;
  readonly additionalConfiguration: readonly string[];
  /** What the platform loses without it, as a finding says. */
  readonly why: string;
}

export const REQUIRED_DETECTOR_FEATURES: readonly RequiredDetectorFeature[] = [
  {
    name: 'S3_DATA_EVENTS',
    additionalConfiguration: [],
    why: 'S3 protection of the upload and dump buckets (MONITOR-2)',
  },
  { name: 'RDS_LOGIN_EVENTS', additionalConfiguration: [], why: 'RDS login protection of the database (MONITOR-2)' },
  {
    name: 'RUNTIME_MONITORING',
    additionalConfiguration: ['ECS_FARGATE_AGENT_MANAGEMENT'],
    why: 'runtime monitoring of the service and dump tasks (GuardDuty manages the Fargate agent)',
  },
];

/** Version of the AWS Foundational Security Best Practices standard the platform subscribes to. */
export const FSBP_STANDARD_VERSION = '1.0.0';

/** The standard's ARN without partition and region: `arn:<partition>:securityhub:<region>::` + this. */
export const FSBP_STANDARD_RESOURCE = `standards/aws-foundational-security-best-practices/v/${FSBP_STANDARD_VERSION}`;
