import type { ClaimId } from '../../claims/claim';
import type { PlatformRole } from '../../platform-roles';
import type { SampleEventId } from './sample-events';
import { EmfMetric, RESTORE_VALIDATION_METRIC } from '../emf-metrics';

/**
 * A value of the platform written into a copy of the sample event before it is matched, so the sample names the
 * platform's own resources. `path` is dotted (`detail.containers.0.name`).
 */
export type EventBinding =
  /** The task definition ARN of the task definition that declared `role` (family from its template). */
  | { readonly path: string; readonly value: 'task-definition-arn'; readonly role: PlatformRole }
  /** The name of the essential container of the task definition that declared `role`. */
  | { readonly path: string; readonly value: 'essential-container-name'; readonly role: PlatformRole }
  /** A Config rule name that starts with the platform's continuous-rule prefix (continuous-config-rules.ts). */
  | { readonly path: string; readonly value: 'platform-config-rule-name' }
  /** The ARN of the one resource of `role` (a restore testing plan) in the region the event is emitted in. */
  | { readonly path: string; readonly value: 'restore-testing-plan-arn'; readonly role: PlatformRole }
  /** A literal (the exit code of a container, a severity). */
  | { readonly path: string; readonly value: 'literal'; readonly literal: string | number | boolean };

interface EventPathBase {
  readonly id: string;
  readonly claim: ClaimId;
  readonly expectation: 'required' | 'forbidden';
  readonly description: string;
  /** The resource a person hears from: every path ends at its subscriptions. */
  readonly destination: PlatformRole;
}

/** An event an AWS service puts on the default event bus, routed by rules (forwarded across regions if need be). */
export interface EventRulePath extends EventPathBase {
  readonly via: 'event-rule';
  readonly sample: SampleEventId;
  readonly bindings: readonly EventBinding[];
  /**
   * Where the service emits it: the primary region, the recovery region, or every region of the platform (one path
   * per region).
   */
  readonly emittedIn: 'primary' | 'recovery' | 'every-region';
  /**
   * The rules the event must travel, by role and in order: the first on the bus of the region it is emitted in, each
   * next on the bus the one before forwards to, the last sending to the destination.
   * @default - any rule that carries it
   */
  readonly through?: readonly PlatformRole[];
}

/** The Scheduled Event of a schedule rule (only the rule that declared `role` receives it). */
export interface SchedulePath extends EventPathBase {
  readonly via: 'schedule';
  readonly sample: SampleEventId;
  readonly rule: PlatformRole;
}

/** Where an alarm's metric comes from, which decides what "AWS really emits it" means. */
export type AlarmMetricSource =
  /** A CloudWatch Logs metric filter on the trail's log group, the trail delivering to it. */
  | { readonly kind: 'trail-metric-filter'; readonly trail: PlatformRole; readonly logGroup: PlatformRole }
  /** S3 replication metrics (rule `Metrics: Enabled`): AWS/S3 by SourceBucket, DestinationBucket, RuleId. */
  | { readonly kind: 's3-replication' }
  /** S3 request metrics of a bucket's metrics configuration: AWS/S3 by BucketName, FilterId. */
  | { readonly kind: 's3-request-metrics' }
  /** Lambda's own metrics of the function that declared `function`: AWS/Lambda by FunctionName. */
  | { readonly kind: 'lambda-function'; readonly function: PlatformRole }
  /**
   * A metric the function that declared `function` writes to its log in the embedded metric format, named by its
   * EMF_* environment variables (emf-metrics.ts), which must name `metric`; its value is 1 for each event to alert
   * on and 0 otherwise, so one event in a period must reach the threshold. That the code writes what its environment
   * names is rehearsed on the code itself (test/backup/restore-validation.rehearsal.test.ts).
   */
  | { readonly kind: 'function-emf'; readonly function: PlatformRole; readonly metric: EmfMetric };

/** A CloudWatch alarm per resource that declared `alarms`, each its own path. */
export interface AlarmPath extends EventPathBase {
  readonly via: 'alarm';
  readonly alarms: PlatformRole;
  readonly metric: AlarmMetricSource;
}

export type EventPathRequirement = EventRulePath | SchedulePath | AlarmPath;

const TOPIC: PlatformRole = 'alert-topic';
const RESTORE_ALERT: PlatformRole = 'restore-test-alert-rule';
/** A restore test of the recovery vault: its event names the recovery region's plan, not the primary's. */
const recoveryRestoreTest: EventBinding[] = [
  { path: 'detail.restoreTestingPlanArn', value: 'restore-testing-plan-arn', role: 'restore-testing-plan' },
];
const DUMP_TASK: PlatformRole = 'dump-task-definition';
const dumpTask: EventBinding[] = [
  { path: 'detail.taskDefinitionArn', value: 'task-definition-arn', role: DUMP_TASK },
  { path: 'detail.containers.0.name', value: 'essential-container-name', role: DUMP_TASK },
];

/**
 * Every alert a claim promises, as a path from the event AWS emits (or the alarm's metric) to a person subscribed to
 * the alert topic; and the alerts that must not be raised. Resources are selected by role (platform-roles.ts).
 */
export const EVENT_PATH_REQUIREMENTS: readonly EventPathRequirement[] = [
  {
    id: 'guardduty-high-finding-alerts',
    claim: 'MONITOR-3',
    expectation: 'required',
    description: 'a high-severity GuardDuty finding in either region reaches the alert topic and its subscribers',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'guardduty-finding',
    bindings: [],
    emittedIn: 'every-region',
  },
  {
    id: 'securityhub-critical-finding-alerts',
    claim: 'MONITOR-3',
    expectation: 'required',
    description: 'a new, active CRITICAL Security Hub finding in either region reaches the alert topic',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'securityhub-findings-imported',
    bindings: [],
    emittedIn: 'every-region',
  },
  {
    id: 'securityhub-high-finding-alerts',
    claim: 'MONITOR-3',
    expectation: 'required',
    description: 'a new, active HIGH Security Hub finding in either region reaches the alert topic',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'securityhub-findings-imported',
    bindings: [{ path: 'detail.findings.0.Severity.Label', value: 'literal', literal: 'HIGH' }],
    emittedIn: 'every-region',
  },
  {
    id: 'config-rule-noncompliant-alerts',
    claim: 'MONITOR-2',
    expectation: 'required',
    description:
      "a platform Config rule turning NON_COMPLIANT in either region reaches the alert topic (the claims' continuity)",
    destination: TOPIC,
    via: 'event-rule',
    sample: 'config-rules-compliance-change',
    bindings: [
      { path: 'detail.configRuleName', value: 'platform-config-rule-name' },
      {
        path: 'detail.newEvaluationResult.evaluationResultIdentifier.evaluationResultQualifier.configRuleName',
        value: 'platform-config-rule-name',
      },
    ],
    emittedIn: 'every-region',
  },
  {
    id: 'cis-alarms-alert',
    claim: 'MONITOR-2',
    expectation: 'required',
    description:
      'each CIS monitoring alarm (root use, unauthorized calls, policy changes, ...) fires on a metric the trail feeds and reaches the alert topic',
    destination: TOPIC,
    via: 'alarm',
    alarms: 'cis-alarm',
    metric: { kind: 'trail-metric-filter', trail: 'audit-trail', logGroup: 'audit-trail-log-group' },
  },
  {
    id: 'backup-job-failed-alerts',
    claim: 'DATA-2',
    expectation: 'required',
    description: 'a failed AWS Backup job reaches the alert topic',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'backup-job-state-change-failed',
    bindings: [],
    emittedIn: 'primary',
  },
  {
    id: 'copy-job-failed-alerts',
    claim: 'DATA-3',
    expectation: 'required',
    description: 'a failed cross-region copy job reaches the alert topic',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'copy-job-state-change-failed',
    bindings: [],
    emittedIn: 'primary',
  },
  {
    id: 'restore-test-failed-alerts',
    claim: 'DATA-2',
    expectation: 'required',
    description: 'a restore test whose restore failed reaches the alert topic',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'restore-job-state-change-failed',
    bindings: [],
    emittedIn: 'primary',
    through: [RESTORE_ALERT],
  },
  {
    id: 'recovery-restore-test-failed-alerts',
    claim: 'DATA-2',
    expectation: 'required',
    description:
      "a restore test of the recovery vault whose restore failed is forwarded to the primary region's bus and reaches the alert topic",
    destination: TOPIC,
    via: 'event-rule',
    sample: 'restore-job-state-change-failed',
    bindings: recoveryRestoreTest,
    emittedIn: 'recovery',
    through: ['restore-test-forwarding-rule', RESTORE_ALERT],
  },
  {
    id: 'restore-validation-failed-alerts',
    claim: 'DATA-2',
    expectation: 'required',
    description:
      'a restore test whose validation reported FAILED reaches the alert topic, if AWS Backup emits a Restore Job State Change carrying validationStatus (composed sample, unconfirmed: the documented path is restore-validation-failed-alarm-alerts)',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'restore-job-state-change-validation-failed',
    bindings: [],
    emittedIn: 'primary',
    through: [RESTORE_ALERT],
  },
  {
    id: 'restore-validation-failed-alarm-alerts',
    claim: 'DATA-2',
    expectation: 'required',
    description:
      "a restore test whose validation reported FAILED alarms on the validation function's verdict metric and reaches the alert topic (AWS documents no event carrying a validation status)",
    destination: TOPIC,
    via: 'alarm',
    alarms: 'restore-validation-alarm',
    metric: { kind: 'function-emf', function: 'restore-validation-function', metric: RESTORE_VALIDATION_METRIC },
  },
  {
    id: 'recovery-restore-validation-failed-alerts',
    claim: 'DATA-2',
    expectation: 'required',
    description:
      "a restore test of the recovery vault whose validation reported FAILED is forwarded to the primary region's bus and reaches the alert topic",
    destination: TOPIC,
    via: 'event-rule',
    sample: 'restore-job-state-change-validation-failed',
    bindings: recoveryRestoreTest,
    emittedIn: 'recovery',
    through: ['restore-test-forwarding-rule', RESTORE_ALERT],
  },
  {
    id: 'replication-failure-alarms-alert',
    claim: 'DATA-3',
    expectation: 'required',
    description:
      'each replication alarm (failed operations, latency beyond 15 minutes) reads a metric S3 emits and reaches the alert topic',
    destination: TOPIC,
    via: 'alarm',
    alarms: 'replication-alarm',
    metric: { kind: 's3-replication' },
  },
  {
    id: 'dump-failed-alerts',
    claim: 'REST-3',
    expectation: 'required',
    description: 'the dump container stopping with a non-zero exit code reaches the alert topic',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'ecs-task-state-change-stopped',
    bindings: [
      ...dumpTask,
      { path: 'detail.containers.0.exitCode', value: 'literal', literal: 1 },
      { path: 'detail.containers.1.exitCode', value: 'literal', literal: 0 },
    ],
    emittedIn: 'primary',
  },
  {
    id: 'dump-sidecar-exit-silent',
    claim: 'REST-3',
    expectation: 'forbidden',
    description: "the GuardDuty sidecar's non-zero exit after a successful dump (exit 0) raises no dump-failure alert",
    destination: TOPIC,
    via: 'event-rule',
    sample: 'ecs-task-state-change-stopped',
    bindings: [
      ...dumpTask,
      { path: 'detail.containers.0.exitCode', value: 'literal', literal: 0 },
      { path: 'detail.containers.1.exitCode', value: 'literal', literal: 137 },
    ],
    emittedIn: 'primary',
  },
  {
    id: 'dump-failed-to-start-alerts',
    claim: 'REST-3',
    expectation: 'required',
    description: 'the dump task failing to start reaches the alert topic',
    destination: TOPIC,
    via: 'event-rule',
    sample: 'ecs-task-state-change-failed-to-start',
    bindings: dumpTask,
    emittedIn: 'primary',
  },
  {
    id: 'no-recent-dump-alarm-alerts',
    claim: 'REST-3',
    expectation: 'required',
    description:
      'no dump object written for 26 hours (no task ran at all) alarms on S3 request metrics and reaches the alert topic',
    destination: TOPIC,
    via: 'alarm',
    alarms: 'dump-freshness-alarm',
    metric: { kind: 's3-request-metrics' },
  },
  {
    id: 'dump-check-alarms-alert',
    claim: 'REST-3',
    expectation: 'required',
    description:
      "the daily dump check failing (stale, missing, not to the dump key, incomplete) or not running for 26 hours alarms on the function's Lambda metrics and reaches the alert topic",
    destination: TOPIC,
    via: 'alarm',
    alarms: 'dump-check-alarm',
    metric: { kind: 'lambda-function', function: 'dump-check-function' },
  },
  {
    id: 'security-txt-expiry-reminder',
    claim: 'RESPONSE-1',
    expectation: 'required',
    description: 'the one-time reminder before security.txt expires fires and reaches the alert topic',
    destination: TOPIC,
    via: 'schedule',
    sample: 'scheduled-event',
    rule: 'security-txt-reminder',
  },
];
