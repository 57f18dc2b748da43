import { securityTxtExpiryReminded as check } from '../../../../lib/compliance/checks/response-1/response1-security-txt-expiry-reminded';
import { Change, edited, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const SECURITY_TXT =
  'Contact: mailto:security@example.com\nExpires: 2027-01-31T00:00:00.000Z\nPreferred-Languages: en\n';
const site = {
  Resources: {
    SecurityTxt: {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: {
        Priority: 1,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/.well-known/security.txt'] } }],
        Actions: [
          {
            Type: 'fixed-response',
            FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: SECURITY_TXT },
          },
        ],
      },
    },
    Reminder: {
      Type: 'AWS::Events::Rule',
      Properties: {
        State: 'ENABLED',
        ScheduleExpression: 'cron(0 9 1 12 ? 2026)',
        Targets: [{ Id: 'Alerts', Arn: ref('Topic'), Input: JSON.stringify({ message: 'renew security.txt' }) }],
      },
    },
    Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Site': edited(site, change) }));
const reminder = (r: Parameters<Change>[0]) => r.Reminder.Properties;
const EXPIRES = '2027-01-31T00:00:00.000Z';
const NO_REMINDER = `fail -: security.txt expiring ${EXPIRES}: no one-time reminder before it`;

describe('RESPONSE1-SecurityTxtExpiryReminded', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([
      `pass Reminder: security.txt expiring ${EXPIRES}: rule Reminder reminds 60 days before`,
    ]);
    // Exactly 30 days before is still in time.
    expect(judged((r) => (reminder(r).ScheduleExpression = 'cron(0 0 1 1 ? 2027)'))).toEqual([
      `pass Reminder: security.txt expiring ${EXPIRES}: rule Reminder reminds 30 days before`,
    ]);
  });

  test('Noncompliance 1: no security.txt with an Expires field', () => {
    expect(
      judged(
        (r) => (r.SecurityTxt.Properties.Actions[0].FixedResponseConfig.MessageBody = 'Contact: mailto:x@example.com'),
      ),
    ).toEqual(['fail -: no security.txt with an Expires field is answered in the assembly']);
  });

  test('Noncompliance 2: no one-time reminder before the expiry', () => {
    expect(judged((r) => (reminder(r).ScheduleExpression = 'cron(0 9 1 3 ? 2027)'))).toEqual([NO_REMINDER]);
    expect(judged((r) => (reminder(r).ScheduleExpression = 'cron(0 9 1 12 ? *)'))).toEqual([NO_REMINDER]);
    expect(judged((r) => (reminder(r).State = 'DISABLED'))).toEqual([NO_REMINDER]);
    expect(judged((r) => (reminder(r).Targets = []))).toEqual([NO_REMINDER]);
    expect(judged((r) => (reminder(r).Targets[0].Input = '{"message":"renew the certificate"}'))).toEqual([
      NO_REMINDER,
    ]);
  });

  test('Weakened: the reminder is less than 30 days before the expiry', () => {
    expect(judged((r) => (reminder(r).ScheduleExpression = 'cron(0 0 15 1 ? 2027)'))).toEqual([
      `weakened Reminder: security.txt expiring ${EXPIRES}: rule Reminder reminds 16 days before (renew the date)`,
    ]);
  });
});
