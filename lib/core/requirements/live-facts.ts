import type { ClaimId } from '../claims/claim';

/**
 * What `secure-platform verify` reads in the deployed account for each claim, and how old each fact may be before it
 * no longer shows the claim true today. Data only: the command (lib/cli/verify/) reads the account and judges each
 * fact against this table; the docs and the report quote the windows from here.
 */

/** One kind of fact read in the account. */
export type LiveFactKind =
  | 'config-rule'
  | 'backup-job'
  | 'copy-job'
  | 'restore-test'
  | 'replication-config'
  | 'replication-metrics'
  | 'dump-age'
  | 'guardduty-features'
  | 'securityhub-standards'
  | 'trail-status'
  | 'stack-drift';

export interface LiveFactRequirement {
  /** What the fact says when it holds, in an auditor's words. */
  readonly holds: string;
  /** The read-only calls that establish it. */
  readonly calls: readonly string[];
  /**
   * How old the time the account gives for the fact (a job's completion, an object's LastModified, an evaluation)
   * may be, in hours. Undefined: the fact is the account's current state, read now, so it has no age to judge.
   */
  readonly maxAgeHours?: number;
  /** Why that window. */
  readonly window: string;
}

const HOUR = 1;
const DAY = 24 * HOUR;

export const LIVE_FACTS: Readonly<Record<LiveFactKind, LiveFactRequirement>> = {
  'config-rule': {
    holds: "every resource the platform's AWS Config rule evaluated is COMPLIANT",
    calls: ['config:DescribeConfigRules', 'config:GetComplianceDetailsByConfigRule'],
    maxAgeHours: 26 * HOUR,
    window:
      'periodic rules run every 24 hours: 26 hours allows one late run. Change-triggered rules re-evaluate on every recorded change, so their last evaluation holds until the resource changes (configRuleMaxAgeHours)',
  },
  'backup-job': {
    holds: 'the newest finished AWS Backup job of the protected resource completed',
    calls: ['backup:ListBackupJobs'],
    maxAgeHours: 26 * HOUR,
    window: 'the plan backs up daily: 26 hours allows for the start window and the job itself',
  },
  'copy-job': {
    holds: "the newest finished copy of the resource's recovery point to the recovery region's vault completed",
    calls: ['backup:ListCopyJobs'],
    maxAgeHours: 26 * HOUR,
    window: 'each daily recovery point is copied when its backup completes: 26 hours, like the backup',
  },
  'restore-test': {
    holds: "the newest restore test of the protected resource restored it and the platform's validation passed",
    calls: ['backup:ListRestoreJobsByProtectedResource'],
    maxAgeHours: 8 * DAY,
    window: 'restore testing runs weekly by default: 8 days allows one late run',
  },
  'replication-config': {
    holds: "the upload bucket replicates every object to the recovery region's replica with Replication Time Control",
    calls: ['s3:GetBucketReplication'],
    window: "the bucket's current configuration, read now",
  },
  'replication-metrics': {
    holds: 'no replication operation failed in the last hour and the latest replication took at most 15 minutes',
    calls: ['cloudwatch:GetMetricStatistics'],
    window: 'the metrics of the hour before the read',
  },
  'dump-age': {
    holds: 'a GPG dump object was written to the dump bucket within the window',
    calls: ['s3:ListObjectsV2'],
    maxAgeHours: 26 * HOUR,
    window: 'the dump runs daily: 26 hours allows for the schedule window and the dump itself',
  },
  'guardduty-features': {
    holds: 'a GuardDuty detector is enabled with every feature MONITOR-2 relies on',
    calls: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
    window: "the detector's current configuration, read now",
  },
  'securityhub-standards': {
    holds: 'Security Hub has the AWS Foundational Security Best Practices standard READY',
    calls: ['securityhub:GetEnabledStandards'],
    window: "the hub's current subscriptions, read now",
  },
  'trail-status': {
    holds: "the platform's trail is logging and delivered log files recently, without a delivery error",
    calls: ['cloudtrail:DescribeTrails', 'cloudtrail:ListTags', 'cloudtrail:GetTrailStatus'],
    maxAgeHours: 2 * HOUR,
    window: 'CloudTrail delivers log files about every 5 minutes while there is activity: 2 hours of silence is not',
  },
  'stack-drift': {
    holds: 'the stack is deployed, not rolled back, and its last drift detection found it IN_SYNC',
    calls: ['cloudformation:DescribeStacks'],
    maxAgeHours: 8 * DAY,
    window:
      "drift detection is not read-only (verify never starts one): run 'aws cloudformation detect-stack-drift' at least weekly, 8 days allows one late run",
  },
};

/** How old a Config rule's evaluations may be: only periodic rules run on a clock. */
export function configRuleMaxAgeHours(trigger: 'change' | 'periodic'): number | undefined {
  return trigger === 'periodic' ? LIVE_FACTS['config-rule'].maxAgeHours : undefined;
}

/**
 * The facts each claim needs besides its Config rules (every infrastructure claim also needs the rules that watch it,
 * from continuous-config-rules.ts, and the platform's stacks free of drift, since the synth-time proof is of the
 * templates as deployed).
 */
export const LIVE_FACTS_OF_CLAIM: Readonly<Partial<Record<ClaimId, readonly LiveFactKind[]>>> = {
  'DATA-2': ['backup-job', 'restore-test', 'dump-age'],
  'DATA-3': ['copy-job', 'replication-config', 'replication-metrics'],
  'REST-3': ['dump-age'],
  'MONITOR-1': ['trail-status'],
  'MONITOR-2': ['guardduty-features', 'securityhub-standards'],
};

/** Facts every infrastructure claim needs. */
export const LIVE_FACTS_OF_EVERY_CLAIM: readonly LiveFactKind[] = ['config-rule', 'stack-drift'];

/** The longest an upload may take to replicate under Replication Time Control (S3's 15-minute objective), seconds. */
export const MAX_REPLICATION_LATENCY_SECONDS = 15 * 60;
