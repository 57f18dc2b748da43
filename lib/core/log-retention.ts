import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { PlatformConstructError } from './errors';

/** Which prop of which construct holds an audit-relevant log's retention, and why a year. */
export interface YearLongRetentionRule {
  /** The stable error code, `<Construct>.<prop>` (docs/errors.md). */
  readonly code: string;
  readonly setting: string;
  readonly why: string;
}

/** Audit-relevant logs are kept at least a year; a shorter retention is a synth-time error naming the prop. */
export function requireYearLongRetention(
  scope: IConstruct,
  retention: logs.RetentionDays,
  rule: YearLongRetentionRule,
): void {
  if (retention !== logs.RetentionDays.INFINITE && Number(retention) < 365) {
    throw new PlatformConstructError({
      code: rule.code,
      scope,
      setting: rule.setting,
      value: Duration.days(retention),
      problem: rule.why,
      fix: 'use ONE_YEAR or longer',
    });
  }
}
