/** Typed views of AWS::Logs::* properties. */

export interface LogGroupProps {
  readonly LogGroupName?: unknown;
  readonly KmsKeyId?: unknown;
  readonly RetentionInDays?: unknown;
}

export interface MetricTransformation {
  readonly MetricName?: unknown;
  readonly MetricNamespace?: unknown;
  readonly MetricValue?: unknown;
}

export interface MetricFilterProps {
  readonly LogGroupName?: unknown;
  readonly FilterPattern?: unknown;
  readonly MetricTransformations?: readonly MetricTransformation[];
}
