import { Annotations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { AlertTopicTarget } from './alert-topic-target';

export interface SecurityTxtExpiryReminderProps {
  /** The `Expires:` date-time of security.txt (config `securityContact.expires`). */
  readonly expires: string;
  readonly topic: sns.ITopic;
  /**
   * Where EventBridge puts an alert it could not publish to the topic after 24 hours of retries
   * (`SecurityAlerts.deadLetterQueue`).
   * @default - none: after the retries the event is dropped
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /** How long before expiry to remind. @default 30 days */
  readonly daysBefore?: number;
  /** The moment synth judges against. @default - now */
  readonly now?: Date;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * RESPONSE-1: security.txt must not expire unnoticed (RFC 9116 readers ignore an expired file). A synth-time warning
 * when it expires within 30 days, and a one-time EventBridge schedule that mails the alert topic 30 days before it
 * does (or tomorrow, when that day has passed); renewing the date in config and deploying moves the reminder.
 */
export class SecurityTxtExpiryReminder extends Construct {
  readonly rule: events.Rule;
  readonly remindAt: Date;

  constructor(scope: Construct, id: string, props: SecurityTxtExpiryReminderProps) {
    super(scope, id);
    const expires = Date.parse(props.expires);
    if (Number.isNaN(expires)) {
      throw new PlatformConstructError({
        code: 'SecurityTxtExpiryReminder.expires',
        scope: this,
        setting: 'expires',
        value: props.expires,
        problem: 'is not a date',
        fix: "give an ISO 8601 date-time such as '2027-06-30T00:00:00Z'",
      });
    }
    const now = (props.now ?? new Date()).getTime();
    const daysBefore = props.daysBefore ?? 30;
    const daysLeft = Math.floor((expires - now) / DAY_MS);
    if (daysLeft < daysBefore) {
      Annotations.of(this).addWarningV2(
        'pocketcity:securityTxtExpiresSoon',
        `security.txt expires on ${props.expires}, in ${daysLeft} days (RESPONSE-1). Fix: set securityContact.expires to a date up to a year ahead and deploy.`,
      );
    }
    // The day before the lead, at 09:00 UTC, so the reminder arrives at least `daysBefore` days ahead.
    const at = new Date(Math.max(expires - (daysBefore + 1) * DAY_MS, now + DAY_MS));
    this.remindAt = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), 9));
    this.rule = new events.Rule(this, 'Rule', {
      description: `Reminds, once, that security.txt expires on ${props.expires} (RESPONSE-1)`,
      schedule: events.Schedule.cron({
        minute: '0',
        hour: '9',
        day: String(this.remindAt.getUTCDate()),
        month: String(this.remindAt.getUTCMonth() + 1),
        year: String(this.remindAt.getUTCFullYear()),
      }),
    });
    this.rule.addTarget(
      new AlertTopicTarget(props.topic, {
        deadLetterQueue: props.deadLetterQueue,
        message: events.RuleTargetInput.fromText(
          `security.txt expires on ${props.expires}. Renew securityContact.expires in the platform config and deploy (RESPONSE-1).`,
        ),
      }),
    );
  }
}
