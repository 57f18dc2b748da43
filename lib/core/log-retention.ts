import * as logs from 'aws-cdk-lib/aws-logs';

/** Audit-relevant logs are kept at least a year; a shorter retention is a synth-time error naming the prop. */
export function requireYearLongRetention(
  owner: string,
  prop: string,
  retention: logs.RetentionDays,
  why: string,
): void {
  if (retention !== logs.RetentionDays.INFINITE && Number(retention) < 365) {
    throw new Error(`${owner} ${prop} = ${retention} days: ${why}. Fix: use ONE_YEAR or longer.`);
  }
}
