import { securityTxtAnswered as check } from '../../../../lib/compliance/checks/response-1/response1-security-txt-answered';
import { SECURITY_TXT_PATH } from '../../../../lib/core/requirements';
import { Change, edited, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const FIELDS = {
  Contact: 'mailto:security@example.com',
  Expires: '2999-12-31T00:00:00Z',
  Policy: 'https://example.com/security-policy',
  'Preferred-Languages': 'en',
  Canonical: 'https://example.com/.well-known/security.txt',
};
const bodyOf = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
const edge = {
  Resources: {
    Https: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: 'HTTPS', Port: 443 } },
    // Plain HTTP only redirects: not judged.
    Http: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: 'HTTP', Port: 80 } },
    SecurityTxt: {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: {
        ListenerArn: ref('Https'),
        Priority: 1,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [SECURITY_TXT_PATH] } }],
        Actions: [
          {
            Type: 'fixed-response',
            FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: bodyOf(FIELDS) },
          },
        ],
      },
    },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Edge': edited(edge, change) }));
const answering =
  (body: string): Change =>
  (r) =>
    (r.SecurityTxt.Properties.Actions[0].FixedResponseConfig.MessageBody = body);

describe('RESPONSE1-SecurityTxtAnswered', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Edge': edge }))).toEqual(['Https: compliant']);
  });

  test('Noncompliance 1: no rule answers the path with a 200 (none, another path, or a 404)', () => {
    expect(judged((r) => delete r.SecurityTxt)).toEqual(['Https: NoSecurityTxtRule']);
    expect(
      judged((r) => (r.SecurityTxt.Properties.Conditions[0].PathPatternConfig.Values = ['/security.txt'])),
    ).toEqual(['Https: NoSecurityTxtRule']);
    expect(judged((r) => (r.SecurityTxt.Properties.Actions[0].FixedResponseConfig.StatusCode = '404'))).toEqual([
      'Https: NoSecurityTxtRule',
    ]);
  });

  test.each(Object.keys(FIELDS).map((field, i) => [i + 2, field]))('Noncompliance %i: no %s field', (_n, field) => {
    const fields: Record<string, string> = { ...FIELDS };
    delete fields[field];
    expect(judged(answering(bodyOf(fields)))).toEqual([`Https: Missing${field}`]);
  });

  test('Noncompliance 7: expired', () => {
    expect(judged(answering(bodyOf({ ...FIELDS, Expires: '2020-01-01T00:00:00Z' })))).toEqual(['Https: Expired']);
  });

  test('Noncompliance 8: an Expires date that cannot be read', () => {
    expect(judged(answering(bodyOf({ ...FIELDS, Expires: 'soon' })))).toEqual(['Https: ExpiresUnreadable']);
  });
});
