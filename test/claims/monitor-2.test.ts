import { runChecks } from '../../lib/compliance/checks/run-checks';
import { cisAlarmsOnTrail, threatDetectionPresentOrDelegated } from '../../lib/compliance/checks/monitoring';
import { failuresOf, ofType, passesOf, referenceClaimEvidence, weakenedReference } from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';

const PLATFORM = 'PocketCity::Platform';
const DETECTORS = [
  'AWS::GuardDuty::Detector',
  'AWS::SecurityHub::Hub',
  'AWS::SecurityHub::Standard',
  'AWS::AccessAnalyzer::Analyzer',
];

describe('MONITOR-2: defenses against attack (threat detection and CIS alarms)', () => {
  test('the reference platform passes the threat detection and CIS alarm checks', () => {
    for (const check of [threatDetectionPresentOrDelegated, cisAlarmsOnTrail]) {
      expect(failuresOf(check, referenceAssembly())).toEqual([]);
    }
  });

  test('GuardDuty, Security Hub with FSBP and Access Analyzer are each proven present', () => {
    expect(passesOf(threatDetectionPresentOrDelegated, referenceAssembly())).toEqual([
      expect.stringMatching(/^GuardDuty detector .*: enabled with S3 data event and RDS login protection$/),
      expect.stringMatching(/^Security Hub .* subscribed to AWS Foundational Security Best Practices/),
      expect.stringMatching(/^IAM Access Analyzer .* \(ACCOUNT\)$/),
    ]);
  });

  test('nine CIS monitoring items each have a filter and an alarm that notifies', () => {
    const passes = passesOf(cisAlarmsOnTrail, referenceAssembly());
    expect(passes).toHaveLength(9);
    expect(passes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unauthorized API calls: /),
        expect.stringMatching(/^root account use: /),
      ]),
    );
  });

  test('the evidence judges MONITOR-2 by these checks without failures of its own', () => {
    const evidence = referenceClaimEvidence('MONITOR-2');
    const mine = evidence.checks.filter((c) => /MONITOR2-(ThreatDetection|CisAlarms)/.test(c.id));
    expect(mine.map((c) => [c.id, c.failed])).toEqual([
      ['Claims-MONITOR2-CisAlarmsOnTrail', 0],
      ['Claims-MONITOR2-ThreatDetectionPresentOrDelegated', 0],
    ]);
    expect(evidence.status).toBe('proven');
  });

  test('fails when GuardDuty has no RDS login protection and S3 protection is off', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, d] of ofType(t.Resources, 'AWS::GuardDuty::Detector'))
        d.Properties.Features = [{ Name: 'S3_DATA_EVENTS', Status: 'DISABLED' }];
    });
    expect(failuresOf(threatDetectionPresentOrDelegated, weak)).toEqual([
      expect.stringMatching(/^GuardDuty detector .*: S3 protection off, RDS login protection off$/),
    ]);
  });

  test('fails when the detectors are missing and nothing says they are delegated', () => {
    const weak = weakenedReference((_id, t) => {
      for (const type of DETECTORS) for (const [logicalId] of ofType(t.Resources, type)) delete t.Resources[logicalId];
    });
    expect(failuresOf(threatDetectionPresentOrDelegated, weak)).toEqual([
      'environment ref: no GuardDuty detector and no delegation to the organisation',
      'environment ref: no Security Hub and no delegation to the organisation',
      'environment ref: no IAM Access Analyzer and no delegation to the organisation',
    ]);
  });

  test('fails when Security Hub is on without the Foundational Security Best Practices standard', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [logicalId] of ofType(t.Resources, 'AWS::SecurityHub::Standard')) delete t.Resources[logicalId];
    });
    expect(failuresOf(threatDetectionPresentOrDelegated, weak)).toEqual([
      expect.stringMatching(/^Security Hub .*: not subscribed to AWS Foundational Security Best Practices$/),
    ]);
  });

  test('reports "explicitly delegated" as weakened, not failing, when the opt-out is recorded', () => {
    const weak = weakenedReference((_id, t) => {
      for (const type of DETECTORS) for (const [logicalId] of ofType(t.Resources, type)) delete t.Resources[logicalId];
      t.Metadata[PLATFORM].optOuts = { delegateThreatDetectionToOrganization: true };
    });
    expect(failuresOf(threatDetectionPresentOrDelegated, weak)).toEqual([]);
    expect(
      runChecks(weak, [threatDetectionPresentOrDelegated])
        .filter((r) => r.status === 'weakened')
        .map((r) => r.detail),
    ).toEqual([
      expect.stringMatching(
        /^environment ref: explicitly delegated .*organisation-level setup, not declared or proven here$/,
      ),
    ]);
  });

  test('fails when the root-use filter is gone and an alarm lost its action', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [logicalId, f] of ofType(t.Resources, 'AWS::Logs::MetricFilter')) {
        if (/"Root"/.test(f.Properties.FilterPattern)) delete t.Resources[logicalId];
      }
      for (const [, a] of ofType(t.Resources, 'AWS::CloudWatch::Alarm')) {
        if (a.Properties.MetricName === 'UnauthorizedApiCalls') delete a.Properties.AlarmActions;
      }
    });
    expect(failuresOf(cisAlarmsOnTrail, weak)).toEqual([
      expect.stringMatching(/^unauthorized API calls: filter .* has no alarm with an action$/),
      expect.stringMatching(/^log group .*: no metric filter for root account use$/),
    ]);
  });

  test('fails when the trail delivers to no log group', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, trail] of ofType(t.Resources, 'AWS::CloudTrail::Trail'))
        delete trail.Properties.CloudWatchLogsLogGroupArn;
    });
    expect(failuresOf(cisAlarmsOnTrail, weak)).toEqual([
      'no CloudTrail trail delivers to a log group of the assembly, so no CIS alarms can watch it',
    ]);
  });
});
