import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';

export interface DumpCheckAlarmsProps {
  /** Name of the daily dump check's function (`GpgDumpCheck`, in the data stack). */
  readonly functionName: string;
  readonly topic: sns.ITopic;
  /** Alarm when the check has not run for this long (a day plus slack for the schedule). @default Duration.hours(26) */
  readonly maxSilence?: Duration;
}

/**
 * REST-3's daily dump check, alarmed like the rest of the platform's alerts (a CloudWatch alarm to the alert topic):
 * - `Errors` of the function: a failed check (stale, missing, wrong recipient, digest mismatch, no record) throws,
 *   and so does a timeout; missing data is not breaching, so the next failure changes state and notifies again;
 * - `Invocations` below 1 for `maxSilence`: the check did not run at all (schedule disabled or deleted), which no
 *   error can show. Missing data is breaching: Lambda publishes no datapoint for an hour without invocations.
 * By the function's deterministic name: no cross-stack reference to the data stack.
 */
export class DumpCheckAlarms extends Construct {
  readonly failedAlarm: cloudwatch.Alarm;
  readonly notRunAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DumpCheckAlarmsProps) {
    super(scope, id);
    const silence = props.maxSilence ?? Duration.hours(26);
    const hours = silence.toHours({ integral: false });
    if (!Number.isInteger(hours) || hours < 25 || hours > 168) {
      throw new PlatformConstructError({
        code: 'DumpCheckAlarms.maxSilence',
        scope: this,
        setting: 'maxSilence',
        value: silence,
        problem: 'a daily check is judged over hourly periods of more than a day and at most 7 days',
        fix: 'give whole hours from 25 to 168; default 26',
      });
    }
    const metric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName,
        dimensionsMap: { FunctionName: props.functionName },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
      });
    this.failedAlarm = new cloudwatch.Alarm(this, 'DumpCheckFailed', {
      alarmDescription: `The daily dump check (${props.functionName}) failed: see its log for the failed property (REST-3)`,
      metric: metric('Errors'),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.notRunAlarm = new cloudwatch.Alarm(this, 'DumpCheckNotRun', {
      alarmDescription: `The daily dump check (${props.functionName}) has not run for ${hours} hours (REST-3)`,
      metric: metric('Invocations'),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: hours,
      datapointsToAlarm: hours,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    for (const alarm of [this.failedAlarm, this.notRunAlarm]) {
      alarm.addAlarmAction(new cloudwatchActions.SnsAction(props.topic));
    }
  }
}
