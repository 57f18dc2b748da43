/** Typed views of AWS::CloudWatch::* properties. */

export interface AlarmDimension {
  readonly Name?: unknown;
  readonly Value?: unknown;
}

/** A CloudWatch alarm; single-metric alarms name their metric directly, metric-math alarms through `Metrics`. */
export interface AlarmProps {
  readonly ActionsEnabled?: unknown;
  readonly AlarmActions?: unknown;
  readonly OKActions?: unknown;
  readonly InsufficientDataActions?: unknown;
  readonly Namespace?: unknown;
  readonly MetricName?: unknown;
  readonly Dimensions?: readonly AlarmDimension[];
  readonly Statistic?: unknown;
  readonly Period?: unknown;
  readonly EvaluationPeriods?: unknown;
  readonly DatapointsToAlarm?: unknown;
  readonly Threshold?: unknown;
  readonly ComparisonOperator?: unknown;
  readonly TreatMissingData?: unknown;
  readonly Metrics?: unknown;
}
