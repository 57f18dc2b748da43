import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { AlertTopicTarget } from './alert-topic-target';

export interface DumpAlarmsProps {
  /** Task definition family of the dump task. */
  readonly taskFamily: string;
  /**
   * Name of the dump's container. Only its exit code alerts: a stopped task lists every container, and a sidecar
   * (GuardDuty's runtime monitoring agent on Fargate) may exit non-zero when a dump succeeded.
   */
  readonly containerName: string;
  /** Bucket the dumps land in. */
  readonly bucketName: string;
  /** Id of the bucket's S3 request metrics filter on the dump prefix. */
  readonly requestMetricsFilterId: string;
  readonly topic: sns.ITopic;
  /**
   * Where EventBridge puts an alert it could not publish to the topic after 24 hours of retries
   * (`SecurityAlerts.deadLetterQueue`).
   * @default - none: after the retries the event is dropped
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Alarm when no dump object arrived for this long (a day plus slack for the schedule). @default Duration.hours(26) */
  readonly maxAge?: Duration;
}

/**
 * REST-3 and DATA-2's daily logical dump, watched from two sides:
 * - an EventBridge rule on `ECS Task State Change` for the dump's task family: a task whose dump container stopped
 *   with an exit code other than 0, or that failed to start, alerts at once. The container's name and exit code are
 *   matched in one pattern object, so EventBridge matches them within the same element of `containers` (array-
 *   consistent matching): a sidecar's exit code alone never alerts;
 * - a CloudWatch alarm on S3 request metrics `PutRequests` of the dump prefix: no object written for 26 hours alerts
 *   even when no task ran at all (schedule disabled or deleted), which no task event can show. Request metrics were
 *   chosen over an event-driven custom metric because S3 itself counts the writes: nothing of ours has to run for
 *   the alarm to see the absence. Missing data is breaching: S3 publishes no datapoint for an hour without requests.
 */
export class DumpAlarms extends Construct {
  readonly failedTaskRules: events.Rule[] = [];
  readonly staleAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DumpAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const maxAge = props.maxAge ?? Duration.hours(26);
    if (maxAge.toHours() < 1 || maxAge.toHours() > 168 || !Number.isInteger(maxAge.toHours())) {
      throw new PlatformConstructError({
        code: 'DumpAlarms.maxAge',
        scope: this,
        setting: 'maxAge',
        value: maxAge,
        problem: 'CloudWatch evaluates hourly periods over at most 7 days',
        fix: 'give whole hours from 1 to 168; default 26',
      });
    }
    const taskDefinitionPrefix = `arn:${stack.partition}:ecs:${stack.region}:${stack.account}:task-definition/${props.taskFamily}:`;
    const base = {
      source: ['aws.ecs'],
      detailType: ['ECS Task State Change'],
    };
    const rule = (ruleId: string, description: string, detail: Record<string, unknown>) => {
      const r = new events.Rule(this, ruleId, {
        description,
        eventPattern: {
          ...base,
          detail: { lastStatus: ['STOPPED'], taskDefinitionArn: events.Match.prefix(taskDefinitionPrefix), ...detail },
        },
      });
      r.addTarget(new AlertTopicTarget(props.topic, { deadLetterQueue: props.deadLetterQueue }));
      this.failedTaskRules.push(r);
    };
    rule('DumpTaskFailed', `The daily dump task (${props.taskFamily}) stopped with a non-zero exit code`, {
      containers: { name: [props.containerName], exitCode: events.Match.anythingBut(0) },
    });
    rule('DumpTaskFailedToStart', `The daily dump task (${props.taskFamily}) failed to start`, {
      stopCode: ['TaskFailedToStart'],
    });

    this.staleAlarm = new cloudwatch.Alarm(this, 'NoRecentDump', {
      alarmDescription: `No dump object written to ${props.bucketName} for ${maxAge.toHours()} hours (REST-3)`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName: 'PutRequests',
        dimensionsMap: { BucketName: props.bucketName, FilterId: props.requestMetricsFilterId },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: maxAge.toHours(),
      datapointsToAlarm: maxAge.toHours(),
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    this.staleAlarm.addAlarmAction(new cloudwatchActions.SnsAction(props.topic));
  }
}
