import { threatDetectionPresentOrDelegated as check } from '../../../../lib/compliance/checks/monitor-2/monitor2-threat-detection-present-or-delegated';
import { PLATFORM_METADATA_KEY } from '../../../../lib/core/platform-metadata';
import { Change, edited, inRegion, modelOf, onPlatform, outcomes, RECOVERY } from '../../../support/check-fixtures';

const enabled = (name: string) => ({ Name: name, Status: 'ENABLED' });
const resources = {
  Detector: {
    Type: 'AWS::GuardDuty::Detector',
    Properties: { Enable: true, Features: [enabled('S3_DATA_EVENTS'), enabled('RDS_LOGIN_EVENTS')] },
  },
  Hub: { Type: 'AWS::SecurityHub::Hub', Properties: {} },
  Fsbp: {
    Type: 'AWS::SecurityHub::Standard',
    Properties: {
      StandardsArn: {
        'Fn::Join': [
          '',
          [
            'arn:aws:securityhub:',
            { Ref: 'AWS::Region' },
            '::standards/aws-foundational-security-best-practices/v/1.0.0',
          ],
        ],
      },
    },
  },
  Analyzer: { Type: 'AWS::AccessAnalyzer::Analyzer', Properties: { Type: 'ACCOUNT' } },
};
/** Both regions' ThreatDetection stacks, the same modes recorded in each. */
const judged = (primaryChange: Change, recoveryChange: Change = () => {}, optOuts: Record<string, unknown> = {}) =>
  outcomes(
    check,
    modelOf({
      'prod-ThreatDetection': edited(onPlatform({ Resources: resources }, optOuts), primaryChange),
      'prod-RecoveryThreatDetection': inRegion(
        RECOVERY,
        edited(onPlatform({ Resources: resources }, optOuts), recoveryChange),
      ),
    }),
  );
const none = () => {};
const removeAll: Change = (r) => Object.keys(r).forEach((id) => delete r[id]);
const passes = (region: string) => [
  `pass Detector: environment prod, ${region}: GuardDuty detector Detector: enabled with S3 data event and RDS login protection`,
  `pass Fsbp: environment prod, ${region}: Security Hub Hub subscribed to AWS Foundational Security Best Practices (Fsbp)`,
  `pass Analyzer: environment prod, ${region}: IAM Access Analyzer Analyzer (ACCOUNT)`,
];
const PASSES = [...passes('eu-west-1'), ...passes('eu-central-1')];
const RECOVERY_WHERE = 'environment prod, eu-central-1';

describe('MONITOR2-ThreatDetectionPresentOrDelegated', () => {
  test('Compliance', () => {
    expect(judged(none)).toEqual(PASSES);
    // create is the default; recorded explicitly it is the same.
    const create = { guardDutyMode: 'create', securityHubMode: 'create', accessAnalyzerMode: 'create' };
    expect(judged(none, none, create)).toEqual(PASSES);
    // The legacy S3 data source counts as S3 protection; an organisation analyzer counts as well.
    const legacy: Change = (r) => {
      r.Detector.Properties.Features.shift();
      r.Detector.Properties.DataSources = { S3Logs: { Enable: true } };
      r.Analyzer.Properties.Type = 'ORGANIZATION';
    };
    expect(judged(legacy, legacy)).toEqual(
      PASSES.map((p) => p.replace('Analyzer Analyzer (ACCOUNT)', 'Analyzer Analyzer (ORGANIZATION)')),
    );
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-ThreatDetection': { Resources: resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: the metadata names no recovery region', () => {
    const template = onPlatform({ Resources: resources });
    const metadata = { ...(template.Metadata![PLATFORM_METADATA_KEY] as object), recoveryRegion: undefined };
    expect(
      outcomes(
        check,
        modelOf({ 'prod-ThreatDetection': { ...template, Metadata: { [PLATFORM_METADATA_KEY]: metadata } } }),
      ),
    ).toEqual(['fail -: environment prod: its metadata names no primary and recovery region']);
  });

  test('Noncompliance 3: no GuardDuty detector in the recovery region under create', () => {
    expect(judged(none, (r) => delete r.Detector)[3]).toBe(
      `fail -: ${RECOVERY_WHERE}: no GuardDuty detector, and threatDetection.guardDuty is 'create'`,
    );
  });

  test('Noncompliance 4: a detector off, without S3 or RDS protection', () => {
    const off: Change = (r) => {
      r.Detector.Properties.Enable = false;
      r.Detector.Properties.Features = [];
    };
    expect(judged(off)[0]).toBe(
      'fail Detector: environment prod, eu-west-1: GuardDuty detector Detector: detector not enabled, S3 protection off, RDS login protection off',
    );
  });

  test('Noncompliance 5: no Security Hub in the recovery region under create', () => {
    expect(judged(none, (r) => delete r.Hub)[4]).toBe(
      `fail -: ${RECOVERY_WHERE}: no Security Hub, and threatDetection.securityHub is 'create'`,
    );
  });

  test('Noncompliance 6: Security Hub without the Foundational Security Best Practices', () => {
    expect(judged((r) => delete r.Fsbp)[1]).toBe(
      'fail Hub: environment prod, eu-west-1: Security Hub Hub: not subscribed to AWS Foundational Security Best Practices',
    );
  });

  test('Noncompliance 7: no account or organisation Access Analyzer under create', () => {
    expect(judged(none, (r) => (r.Analyzer.Properties.Type = 'ACCOUNT_UNUSED_ACCESS'))[5]).toBe(
      `fail -: ${RECOVERY_WHERE}: no IAM Access Analyzer, and threatDetection.accessAnalyzer is 'create'`,
    );
  });

  test('Noncompliance 8: a detector declared although its mode is existing or organization', () => {
    const collides = (where: string, name: string, id: string, service: string, mode: string) =>
      `fail ${id}: environment prod, ${where}: ${name} is declared (${id}) although threatDetection.${service} is '${mode}', so the deploy collides with the one already running`;
    expect(judged(none, removeAll, { guardDutyMode: 'existing' })[0]).toBe(
      collides('eu-west-1', 'GuardDuty', 'Detector', 'guardDuty', 'existing'),
    );
    // A standard alone is a Security Hub declaration too.
    expect(judged((r) => delete r.Hub, removeAll, { securityHubMode: 'organization' })[1]).toBe(
      collides('eu-west-1', 'Security Hub', 'Fsbp', 'securityHub', 'organization'),
    );
    expect(judged(removeAll, none, { accessAnalyzerMode: 'existing' })[5]).toBe(
      collides('eu-central-1', 'IAM Access Analyzer', 'Analyzer', 'accessAnalyzer', 'existing'),
    );
  });

  test('Noncompliance 9: a per-region mode judges each region by its own (a detector where it says existing)', () => {
    // GIVEN GuardDuty 'create' in the primary region and 'existing' in the recovery region, a detector in both
    const perRegion = { guardDutyMode: { primary: 'create', recovery: 'existing' } };
    const results = judged(none, none, perRegion);
    // THEN the primary detector passes, the recovery one collides with the account's
    expect(results[0]).toBe(passes('eu-west-1')[0]);
    expect(results[3]).toBe(
      `fail Detector: environment prod, eu-central-1: GuardDuty is declared (Detector) although threatDetection.guardDuty is 'existing', so the deploy collides with the one already running`,
    );
    // AND with none in the primary region, 'create' there fails
    expect(
      judged(
        (r) => delete r.Detector,
        (r) => delete r.Detector,
        perRegion,
      )[0],
    ).toBe("fail -: environment prod, eu-west-1: no GuardDuty detector, and threatDetection.guardDuty is 'create'");
  });

  test('Weakened: left to the account (existing) or inherited from the organisation (organization)', () => {
    const existing = { guardDutyMode: 'existing', securityHubMode: 'existing', accessAnalyzerMode: 'existing' };
    expect(judged(removeAll, removeAll, existing)).toEqual(
      ['eu-west-1', 'eu-central-1'].flatMap((region) =>
        [
          ['GuardDuty', 'guardDuty'],
          ['Security Hub', 'securityHub'],
          ['IAM Access Analyzer', 'accessAnalyzer'],
        ].map(
          ([name, service]) =>
            `weakened -: environment prod, ${region}: ${name} left to the account's own (threatDetection.${service} = 'existing'); relied on, not declared or proven here`,
        ),
      ),
    );
    // Per region: GuardDuty created in the primary region, left to the account in the recovery region.
    expect(
      judged(none, (r) => delete r.Detector, { guardDutyMode: { primary: 'create', recovery: 'existing' } }),
    ).toEqual([
      ...passes('eu-west-1'),
      `weakened -: ${RECOVERY_WHERE}: GuardDuty left to the account's own (threatDetection.guardDuty = 'existing'); relied on, not declared or proven here`,
      ...passes('eu-central-1').slice(1),
    ]);
    // Per service: GuardDuty from the organisation, the others created here.
    expect(
      judged(
        (r) => delete r.Detector,
        (r) => delete r.Detector,
        { guardDutyMode: 'organization' },
      ),
    ).toEqual(
      ['eu-west-1', 'eu-central-1'].flatMap((region) => [
        `weakened -: environment prod, ${region}: GuardDuty inherited from the organisation's delegated administrator (threatDetection.guardDuty = 'organization'); not declared or proven here`,
        ...passes(region).slice(1),
      ]),
    );
    // The removed opt-out no longer delegates anything.
    expect(judged(removeAll, removeAll, { delegateThreatDetectionToOrganization: true })[0]).toBe(
      "fail -: environment prod, eu-west-1: no GuardDuty detector, and threatDetection.guardDuty is 'create'",
    );
  });
});
