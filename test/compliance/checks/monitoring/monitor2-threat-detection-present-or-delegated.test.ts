import { threatDetectionPresentOrDelegated as check } from '../../../../lib/compliance/checks/monitoring/monitor2-threat-detection-present-or-delegated';
import { Change, edited, modelOf, onPlatform, outcomes } from '../../../support/check-fixtures';

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
const judged = (change: Change, optOuts: Record<string, unknown> = {}) =>
  outcomes(check, modelOf({ 'prod-Monitoring': edited(onPlatform({ Resources: resources }, optOuts), change) }));
const PASSES = [
  'pass Detector: GuardDuty detector Detector: enabled with S3 data event and RDS login protection',
  'pass Fsbp: Security Hub Hub subscribed to AWS Foundational Security Best Practices (Fsbp)',
  'pass Analyzer: IAM Access Analyzer Analyzer (ACCOUNT)',
];

describe('MONITOR2-ThreatDetectionPresentOrDelegated', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual(PASSES);
    // The legacy S3 data source counts as S3 protection.
    const legacy: Change = (r) => {
      r.Detector.Properties.Features.shift();
      r.Detector.Properties.DataSources = { S3Logs: { Enable: true } };
    };
    expect(judged(legacy)).toEqual(PASSES);
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Monitoring': { Resources: resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: no GuardDuty detector', () => {
    expect(judged((r) => delete r.Detector)[0]).toBe(
      'fail -: environment prod: no GuardDuty detector and no delegation to the organisation',
    );
  });

  test('Noncompliance 3: a detector off, without S3 or RDS protection', () => {
    expect(
      judged((r) => {
        r.Detector.Properties.Enable = false;
        r.Detector.Properties.Features = [];
      })[0],
    ).toBe(
      'fail Detector: GuardDuty detector Detector: detector not enabled, S3 protection off, RDS login protection off',
    );
  });

  test('Noncompliance 4: no Security Hub', () => {
    expect(judged((r) => delete r.Hub)[1]).toBe(
      'fail -: environment prod: no Security Hub and no delegation to the organisation',
    );
  });

  test('Noncompliance 5: Security Hub without the Foundational Security Best Practices', () => {
    expect(judged((r) => delete r.Fsbp)[1]).toBe(
      'fail Hub: Security Hub Hub: not subscribed to AWS Foundational Security Best Practices',
    );
  });

  test('Noncompliance 6: no account or organisation Access Analyzer', () => {
    expect(judged((r) => (r.Analyzer.Properties.Type = 'ACCOUNT_UNUSED_ACCESS'))[2]).toBe(
      'fail -: environment prod: no IAM Access Analyzer and no delegation to the organisation',
    );
  });

  test('Weakened: delegated to the organisation by optOuts.delegateThreatDetectionToOrganization', () => {
    const nothingDeclared: Change = (r) => Object.keys(r).forEach((id) => delete r[id]);
    expect(judged(nothingDeclared, { delegateThreatDetectionToOrganization: true })).toEqual([
      'weakened -: environment prod: explicitly delegated (optOuts.delegateThreatDetectionToOrganization = true); GuardDuty, Security Hub and Access Analyzer are an organisation-level setup, not declared or proven here',
    ]);
    expect(judged(nothingDeclared, { delegateThreatDetectionToOrganization: false })[0]).toMatch(
      /^fail -: environment prod: no GuardDuty/,
    );
  });
});
