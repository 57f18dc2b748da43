import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { RESTORE_VALIDATION_METRIC } from '../core/requirements/emf-metrics';

export interface RestoreValidationAlarmProps {
  readonly topic: sns.ITopic;
  /**
   * Value of the metric's one dimension, as the restore validation function writes it (`RestoreValidation`'s
   * `metricDimensionValue`): the environment's name.
   */
  readonly environmentName: string;
}

/**
 * DATA-2: a restore test whose validation failed (a check failed, or the validation could not run) alerts through the
 * alert topic. The validation function writes `RestoreValidationFailed` (1 FAILED, 0 SUCCESSFUL) to its log in the
 * embedded metric format; this alarm fires when an hour's Sum reaches 1. Missing data is not breaching: weeks pass
 * without a restore test, and the alarm must return to OK so the next failure notifies again. By the environment's
 * name: no cross-stack reference to the data stack.
 */
export class RestoreValidationAlarm extends Construct {
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: RestoreValidationAlarmProps) {
    super(scope, id);
    const m = RESTORE_VALIDATION_METRIC;
    this.alarm = new cloudwatch.Alarm(this, 'Failed', {
      alarmDescription: `A restore test's validation failed in ${props.environmentName}: the restore validation function's log names the restore job and the reason (DATA-2)`,
      metric: new cloudwatch.Metric({
        namespace: m.namespace,
        metricName: m.metricName,
        dimensionsMap: { [m.dimensionName]: props.environmentName },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
      }),
      // One FAILED verdict in the hour reaches it; SUCCESSFUL verdicts (0) never do.
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
    });
    this.alarm.addAlarmAction(new cloudwatchActions.SnsAction(props.topic));
  }
}
