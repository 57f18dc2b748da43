import { recoveryRegionFindingsForwarded } from '../../lib/compliance/checks';
import { failuresOf, ofType, passesOf, weakenedReference } from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';

describe("MONITOR-3: the recovery region's findings reach the alert topic through the primary region", () => {
  test('the reference forwards GuardDuty and Security Hub findings to the primary default event bus', () => {
    expect(failuresOf(recoveryRegionFindingsForwarded, referenceAssembly())).toEqual([]);
    expect(passesOf(recoveryRegionFindingsForwarded, referenceAssembly())).toEqual([
      expect.stringMatching(
        /^environment ref, eu-central-1: GuardDuty findings .*: rule .* forwards them to arn:aws:events:eu-west-1:123456789012:event-bus\/default$/,
      ),
      expect.stringMatching(/^environment ref, eu-central-1: Security Hub findings .*: rule .* forwards them to/),
    ]);
  });

  test('fails when the GuardDuty forwarding only passes critical findings and the Security Hub rule is disabled', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'RecoveryThreatDetection') return;
      for (const [, r] of ofType(t.Resources, 'AWS::Events::Rule')) {
        if (r.Properties.EventPattern.source[0] === 'aws.guardduty')
          r.Properties.EventPattern.detail.severity = [{ numeric: ['>=', 9] }];
        if (r.Properties.EventPattern.source[0] === 'aws.securityhub') r.Properties.State = 'DISABLED';
      }
    });
    expect(failuresOf(recoveryRegionFindingsForwarded, weak)).toEqual([
      'environment ref, eu-central-1: GuardDuty findings of severity 7 and above: no enabled EventBridge rule matches them',
      'environment ref, eu-central-1: Security Hub findings rated CRITICAL or HIGH: no enabled EventBridge rule matches them',
    ]);
  });

  test('fails when the rule targets a bus of its own region instead of the primary', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'RecoveryThreatDetection') return;
      for (const [, r] of ofType(t.Resources, 'AWS::Events::Rule'))
        r.Properties.Targets[0].Arn = 'arn:aws:events:eu-central-1:123456789012:event-bus/default';
    });
    expect(failuresOf(recoveryRegionFindingsForwarded, weak)).toEqual([
      expect.stringMatching(
        /GuardDuty .*: rule .* has no target arn:aws:events:eu-west-1:123456789012:event-bus\/default with a role/,
      ),
      expect.stringMatching(/Security Hub .*: rule .* has no target arn:aws:events:eu-west-1/),
    ]);
  });
});
