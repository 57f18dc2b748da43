import * as events from 'aws-cdk-lib/aws-events';

/** GuardDuty findings at or above a severity (1-3.9 low, 4-6.9 medium, 7-8.9 high, 9-10 critical). */
export function guardDutyFindingsPattern(minimumSeverity: number): events.EventPattern {
  return {
    source: ['aws.guardduty'],
    detailType: ['GuardDuty Finding'],
    detail: { severity: events.Match.greaterThanOrEqual(minimumSeverity) },
  };
}

/** New, active Security Hub findings rated CRITICAL or HIGH. */
export const SECURITY_HUB_CRITICAL_OR_HIGH_PATTERN: events.EventPattern = {
  source: ['aws.securityhub'],
  detailType: ['Security Hub Findings - Imported'],
  detail: {
    findings: { Severity: { Label: ['CRITICAL', 'HIGH'] }, Workflow: { Status: ['NEW'] }, RecordState: ['ACTIVE'] },
  },
};

/** A Config rule whose name starts with `rulePrefix` turning NON_COMPLIANT for a resource. */
export function configRuleNonCompliantPattern(rulePrefix?: string): events.EventPattern {
  return {
    source: ['aws.config'],
    detailType: ['Config Rules Compliance Change'],
    detail: {
      messageType: ['ComplianceChangeNotification'],
      newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
      ...(rulePrefix ? { configRuleName: events.Match.prefix(rulePrefix) } : {}),
    },
  };
}

/**
 * Restore jobs of a restore testing plan that failed or were aborted; an operator's own restore (no plan) is not a
 * failed promise. The same pattern alerts in the primary region and is forwarded from the recovery region.
 */
export function restoreTestFailedPattern(): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: ['Restore Job State Change'],
    detail: { status: ['FAILED', 'ABORTED'], restoreTestingPlanArn: events.Match.exists() },
  };
}

/** Restore tests whose validation reported FAILED or TIMED_OUT (PutRestoreValidationResult). */
export function restoreValidationFailedPattern(): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: ['Restore Job State Change'],
    detail: { validationStatus: ['FAILED', 'TIMED_OUT'], restoreTestingPlanArn: events.Match.exists() },
  };
}
