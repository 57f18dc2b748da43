import { listenerHttpsOrRedirect as check } from '../../../../lib/compliance/checks/transit-1/transit1-listener-https-or-redirect-only';
import { Change, edited, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const redirect = { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } };
const forward = { Type: 'forward', TargetGroupArn: ref('Targets') };
const edge = {
  Resources: {
    Https: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        Protocol: 'HTTPS',
        Port: 443,
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        DefaultActions: [forward],
      },
    },
    Http: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: { Protocol: 'HTTP', Port: 80, DefaultActions: [redirect] },
    },
    HttpRule: {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: { ListenerArn: ref('Http'), Priority: 1, Actions: [redirect] },
    },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Edge': edited(edge, change) }));

describe('TRANSIT1-ListenerHttpsOrRedirectOnly', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Edge': edge }))).toEqual(['Https: compliant', 'Http: compliant']);
  });

  test('Noncompliance 1: HTTPS with a policy that allows TLS 1.0 (or no policy)', () => {
    expect(judged((r) => (r.Https.Properties.SslPolicy = 'ELBSecurityPolicy-2016-08'))).toEqual([
      'Https: non-compliant',
      'Http: compliant',
    ]);
    expect(judged((r) => delete r.Https.Properties.SslPolicy)).toEqual(['Https: non-compliant', 'Http: compliant']);
  });

  test('Noncompliance 2: plain HTTP forwarded by default', () => {
    expect(judged((r) => (r.Http.Properties.DefaultActions = [forward]))).toEqual([
      'Https: compliant',
      'Http: non-compliant',
    ]);
  });

  test('Noncompliance 3: plain HTTP forwarded by a rule', () => {
    expect(judged((r) => (r.HttpRule.Properties.Actions = [forward]))).toEqual([
      'Https: compliant',
      'Http: non-compliant',
    ]);
  });

  test('Noncompliance 4: a redirect to plain HTTP or another port', () => {
    const to =
      (config: Record<string, string>): Change =>
      (r) =>
        (r.Http.Properties.DefaultActions = [{ Type: 'redirect', RedirectConfig: config }]);
    expect(judged(to({ Protocol: 'HTTP', Port: '8080' }))).toEqual(['Https: compliant', 'Http: non-compliant']);
    expect(judged(to({ Protocol: 'HTTPS', Port: '8443' }))).toEqual(['Https: compliant', 'Http: non-compliant']);
  });

  test('Noncompliance 5: a TCP pass-through listener', () => {
    expect(judged((r) => (r.Http.Properties.Protocol = 'TCP'))).toEqual(['Https: compliant', 'Http: non-compliant']);
  });
});
