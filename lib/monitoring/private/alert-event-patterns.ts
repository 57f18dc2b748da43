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
