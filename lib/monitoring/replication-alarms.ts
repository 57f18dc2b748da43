import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** One replication rule whose S3 replication metrics (rule `Metrics: Enabled`) are watched. */
export interface WatchedReplication {
  readonly sourceBucketName: string;
  readonly destinationBucketName: string;
  readonly ruleId: string;
}

export interface ReplicationAlarmsProps {
  readonly replications: readonly WatchedReplication[];
  readonly topic: sns.ITopic;
  /**
   * Latency beyond which an alarm fires: Replication Time Control promises 15 minutes.
   * @default Duration.minutes(15)
   */
  readonly maxLatency?: Duration;
}

/**
 * Per replicated bucket (DATA-3): an alarm when any object fails to replicate (`OperationsFailedReplication` > 0)
 * and one when replication lags beyond Replication Time Control (`ReplicationLatency` > 900 s). Both read S3's
 * replication metrics, which exist only when the rule has `Metrics: Enabled`.
 */
export class ReplicationAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ReplicationAlarmsProps) {
    super(scope, id);
    const maxLatency = props.maxLatency ?? Duration.minutes(15);
    const action = new cloudwatchActions.SnsAction(props.topic);
    props.replications.forEach((r, i) => {
      const dimensionsMap = {
        SourceBucket: r.sourceBucketName,
        DestinationBucket: r.destinationBucketName,
        RuleId: r.ruleId,
      };
      const metric = (metricName: string, statistic: string) =>
        new cloudwatch.Metric({
          namespace: 'AWS/S3',
          metricName,
          dimensionsMap,
          statistic,
          period: Duration.minutes(5),
        });
      const failed = new cloudwatch.Alarm(this, `FailedReplication${i}`, {
        alarmDescription: `Objects of ${r.sourceBucketName} failed to replicate to ${r.destinationBucketName} (DATA-3)`,
        metric: metric('OperationsFailedReplication', cloudwatch.Stats.SUM),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      const late = new cloudwatch.Alarm(this, `ReplicationLatency${i}`, {
        alarmDescription: `Replication of ${r.sourceBucketName} lags beyond ${maxLatency.toSeconds()} s (Replication Time Control, DATA-3)`,
        metric: metric('ReplicationLatency', cloudwatch.Stats.MAXIMUM),
        threshold: maxLatency.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      for (const alarm of [failed, late]) {
        alarm.addAlarmAction(action);
        this.alarms.push(alarm);
      }
    });
  }
}
