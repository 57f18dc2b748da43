import { runChecks } from '../../lib/compliance/checks/run-checks';
import { cisAlarmsOnTrail, threatDetectionPresentOrDelegated } from '../../lib/compliance/checks';
import { failuresOf, ofType, passesOf, referenceClaimEvidence, weakenedReference } from '../support/claims-support';
import { optedOutAssembly, referenceAssembly } from '../support/reference-assembly';

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

  test('GuardDuty, Security Hub with FSBP and Access Analyzer are each proven present in both regions', () => {
    const inRegion = (region: string) => [
      expect.stringMatching(
        new RegExp(
          `^environment ref, ${region}: GuardDuty detector .*: enabled with S3 data event and RDS login protection$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^environment ref, ${region}: Security Hub .* subscribed to AWS Foundational Security Best Practices`,
        ),
      ),
      expect.stringMatching(new RegExp(`^environment ref, ${region}: IAM Access Analyzer .* \\(ACCOUNT\\)$`)),
    ];
    expect(passesOf(threatDetectionPresentOrDelegated, referenceAssembly())).toEqual([
      ...inRegion('eu-west-1'),
      ...inRegion('eu-central-1'),
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
      expect.stringMatching(
        /^environment ref, eu-west-1: GuardDuty detector .*: S3 protection off, RDS login protection off$/,
      ),
      expect.stringMatching(
        /^environment ref, eu-central-1: GuardDuty detector .*: S3 protection off, RDS login protection off$/,
      ),
    ]);
  });

  test("fails when the detectors are missing under mode 'create'", () => {
    const weak = weakenedReference((_id, t) => {
      for (const type of DETECTORS) for (const [logicalId] of ofType(t.Resources, type)) delete t.Resources[logicalId];
    });
    const missing = (region: string) => [
      `environment ref, ${region}: no GuardDuty detector, and threatDetection.guardDuty is 'create'`,
      `environment ref, ${region}: no Security Hub, and threatDetection.securityHub is 'create'`,
      `environment ref, ${region}: no IAM Access Analyzer, and threatDetection.accessAnalyzer is 'create'`,
    ];
    expect(failuresOf(threatDetectionPresentOrDelegated, weak)).toEqual([
      ...missing('eu-west-1'),
      ...missing('eu-central-1'),
    ]);
  });

  test('fails when only the recovery region lost its detector', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'RecoveryThreatDetection') return;
      for (const [logicalId] of ofType(t.Resources, 'AWS::GuardDuty::Detector')) delete t.Resources[logicalId];
    });
    expect(failuresOf(threatDetectionPresentOrDelegated, weak)).toEqual([
      "environment ref, eu-central-1: no GuardDuty detector, and threatDetection.guardDuty is 'create'",
    ]);
  });

  test('fails when Security Hub is on without the Foundational Security Best Practices standard', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'ThreatDetection') return;
      for (const [logicalId] of ofType(t.Resources, 'AWS::SecurityHub::Standard')) delete t.Resources[logicalId];
    });
    expect(failuresOf(threatDetectionPresentOrDelegated, weak)).toEqual([
      expect.stringMatching(
        /^environment ref, eu-west-1: Security Hub .*: not subscribed to AWS Foundational Security Best Practices$/,
      ),
    ]);
  });

  test("reports 'existing' and 'organization' as weakened, naming the mode, never as proven", () => {
    const weak = weakenedReference((_id, t) => {
      for (const type of DETECTORS) for (const [logicalId] of ofType(t.Resources, type)) delete t.Resources[logicalId];
      t.Metadata[PLATFORM].optOuts = {
        guardDutyMode: 'organization',
        securityHubMode: 'existing',
        accessAnalyzerMode: 'existing',
      };
    });
    const results = runChecks(weak, [threatDetectionPresentOrDelegated]);
    expect(results.filter((r) => r.status !== 'weakened')).toEqual([]);
    expect(results.map((r) => r.detail)).toEqual(
      ['eu-west-1', 'eu-central-1'].flatMap((region) => [
        `environment ref, ${region}: GuardDuty inherited from the organisation's delegated administrator (threatDetection.guardDuty = 'organization'); not declared or proven here`,
        `environment ref, ${region}: Security Hub left to the account's own (threatDetection.securityHub = 'existing'); relied on, not declared or proven here`,
        `environment ref, ${region}: IAM Access Analyzer left to the account's own (threatDetection.accessAnalyzer = 'existing'); relied on, not declared or proven here`,
      ]),
    );
  });

  test('fails when a detector is declared although its mode says the account already runs one', () => {
    const weak = weakenedReference((_id, t) => {
      t.Metadata[PLATFORM].optOuts = { guardDutyMode: 'existing' };
    });
    expect(failuresOf(threatDetectionPresentOrDelegated, weak)).toEqual([
      expect.stringMatching(
        /^environment ref, eu-west-1: GuardDuty is declared \(.*\) although threatDetection.guardDuty is 'existing', so the deploy collides/,
      ),
      expect.stringMatching(/^environment ref, eu-central-1: GuardDuty is declared/),
    ]);
  });

  test('the opted-out platform reports MONITOR-2 weakened by its modes, with no failure', () => {
    const results = runChecks(optedOutAssembly(), [threatDetectionPresentOrDelegated]);
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(results.filter((r) => r.status === 'weakened')).toHaveLength(6);
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
