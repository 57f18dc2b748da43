import backupJobFailed from './backup-job-state-change-failed.json';
import configRulesComplianceChange from './config-rules-compliance-change.json';
import copyJobFailed from './copy-job-state-change-failed.json';
import ecsTaskFailedToStart from './ecs-task-state-change-failed-to-start.json';
import ecsTaskStopped from './ecs-task-state-change-stopped.json';
import guardDutyFinding from './guardduty-finding.json';
import restoreJobFailed from './restore-job-state-change-failed.json';
import restoreValidationFailed from './restore-job-state-change-validation-failed.json';
import scheduledEvent from './scheduled-event.json';
import securityHubFindingsImported from './securityhub-findings-imported.json';

/** A sample event as AWS documents it, and the page it comes from (README.md lists the same). */
export interface SampleEvent {
  readonly source: string;
  readonly event: Readonly<Record<string, unknown>>;
}

/**
 * The sample events the event paths send, by id. Each is the example of the AWS page named beside it; the paths bind
 * the platform's own values into a copy (account, region, task definition, rule name) before matching.
 */
export const SAMPLE_EVENTS = {
  'guardduty-finding': {
    source: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html',
    event: guardDutyFinding,
  },
  'securityhub-findings-imported': {
    source: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html',
    event: securityHubFindingsImported,
  },
  'config-rules-compliance-change': {
    source: 'https://docs.aws.amazon.com/config/latest/developerguide/monitor-config-with-cloudwatchevents.html',
    event: configRulesComplianceChange,
  },
  'backup-job-state-change-failed': {
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html',
    event: backupJobFailed,
  },
  'copy-job-state-change-failed': {
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html',
    event: copyJobFailed,
  },
  'restore-job-state-change-failed': {
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html#aws-backup-events-restore-job',
    event: restoreJobFailed,
  },
  'restore-job-state-change-validation-failed': {
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-validation.html',
    event: restoreValidationFailed,
  },
  'ecs-task-state-change-stopped': {
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html',
    event: ecsTaskStopped,
  },
  'ecs-task-state-change-failed-to-start': {
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html',
    event: ecsTaskFailedToStart,
  },
  'scheduled-event': {
    source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html',
    event: scheduledEvent,
  },
} as const satisfies Record<string, SampleEvent>;

export type SampleEventId = keyof typeof SAMPLE_EVENTS;
