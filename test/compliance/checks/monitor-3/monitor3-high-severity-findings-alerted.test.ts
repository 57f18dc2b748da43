import { highSeverityFindingsAlerted as check } from '../../../../lib/compliance/checks/monitor-3/monitor3-high-severity-findings-alerted';
import { Change, edited, getAtt, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const rule = (source: string, detail: Record<string, unknown>) => ({
  Type: 'AWS::Events::Rule',
  Properties: {
    State: 'ENABLED',
    EventPattern: { source: [source], detail },
    Targets: [{ Id: 'Alerts', Arn: ref('Topic') }],
  },
});
const monitoring = {
  Resources: {
    GuardDutyRule: rule('aws.guardduty', { severity: [{ numeric: ['>=', 7] }] }),
    HubRule: rule('aws.securityhub', { findings: { Severity: { Label: ['CRITICAL', 'HIGH'] } } }),
    Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: getAtt('Key') } },
    Email: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: ref('Topic'), Protocol: 'email', Endpoint: 'sec@example.com' },
    },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Monitoring': edited(monitoring, change) }));
const GUARDDUTY = 'GuardDuty findings of severity 7 and above';
const SECURITY_HUB = 'Security Hub findings rated CRITICAL or HIGH';

describe('MONITOR3-HighSeverityFindingsAlerted', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Monitoring': monitoring }))).toEqual([
      `pass GuardDutyRule: ${GUARDDUTY}: rule GuardDutyRule -> encrypted topic Topic with 1 subscription(s)`,
      `pass HubRule: ${SECURITY_HUB}: rule HubRule -> encrypted topic Topic with 1 subscription(s)`,
    ]);
  });

  test('Noncompliance 1: no enabled rule lets GuardDuty severity 7 through (disabled, or from 8 up)', () => {
    const unrouted = `fail -: ${GUARDDUTY}: no enabled EventBridge rule routes them`;
    expect(judged((r) => (r.GuardDutyRule.Properties.State = 'DISABLED'))[0]).toBe(unrouted);
    expect(judged((r) => (r.GuardDutyRule.Properties.EventPattern.detail.severity = [{ numeric: ['>=', 8] }]))[0]).toBe(
      unrouted,
    );
  });

  test('Noncompliance 2: the Security Hub rule drops HIGH', () => {
    expect(judged((r) => (r.HubRule.Properties.EventPattern.detail.findings.Severity.Label = ['CRITICAL']))[1]).toBe(
      `fail -: ${SECURITY_HUB}: no enabled EventBridge rule routes them`,
    );
  });

  test.each<[number, string, Change]>([
    [3, 'topic Topic is not encrypted (no KmsMasterKeyId)', (r) => delete r.Topic.Properties.KmsMasterKeyId],
    [4, 'topic Topic uses the AWS managed key', (r) => (r.Topic.Properties.KmsMasterKeyId = 'alias/aws/sns')],
    [5, 'topic Topic has no subscription', (r) => delete r.Email],
    [
      6,
      'no SNS topic of the same template among its targets',
      (r) => (r.GuardDutyRule.Properties.Targets[0].Arn = 'arn:aws:sns:x'),
    ],
  ])('Noncompliance %i: %s', (_n, problem, change) => {
    expect(judged(change)[0]).toBe(`fail GuardDutyRule: ${GUARDDUTY}: rule GuardDutyRule: ${problem}`);
  });
});
