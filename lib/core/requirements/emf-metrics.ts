/**
 * Metrics the platform's own functions write to their logs in CloudWatch's embedded metric format (EMF): CloudWatch
 * Logs extracts them from the log event, so the function needs no cloudwatch:PutMetricData
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Lambda.html and
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html,
 * read 2026-12-07). One place for the names, read by the construct that sets the function's environment, the alarm
 * that watches the metric, the path proof that holds the two together, and the rehearsal of the function's code.
 */

/** One metric with one dimension: the dimension's value is per environment, set by the construct. */
export interface EmfMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensionName: string;
}

/**
 * The environment variables through which a function's code learns the metric it writes (plain JS bundled as an
 * asset cannot import TypeScript constants).
 */
export const EMF_ENVIRONMENT = {
  namespace: 'EMF_NAMESPACE',
  metricName: 'EMF_METRIC_NAME',
  dimensionName: 'EMF_DIMENSION_NAME',
  dimensionValue: 'EMF_DIMENSION_VALUE',
} as const;

/**
 * The restore validation's verdict (DATA-2): 1 for FAILED (a check failed or the validation could not run), 0 for
 * SUCCESSFUL, one datapoint per restore job, by environment name. AWS documents no event for a validation status, so
 * this metric and its alarm are the documented way a failed validation reaches the alert topic.
 */
export const RESTORE_VALIDATION_METRIC: EmfMetric = {
  namespace: 'SecurePlatform/RestoreTesting',
  metricName: 'RestoreValidationFailed',
  dimensionName: 'Environment',
};
