import { httpsListenerHsts as check } from '../../../../lib/compliance/checks/transit-1/transit1-https-listener-sends-hsts';
import { HSTS_LISTENER_ATTRIBUTE } from '../../../../lib/core/requirements';
import { modelOf, verdicts } from '../../../support/check-fixtures';

const listeners = (hsts?: string) =>
  modelOf({
    'prod-Edge': {
      Resources: {
        Https: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Properties: {
            Protocol: 'HTTPS',
            ListenerAttributes: hsts === undefined ? [] : [{ Key: HSTS_LISTENER_ATTRIBUTE, Value: hsts }],
          },
        },
        // Plain HTTP: browsers ignore HSTS there; not judged.
        Http: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: 'HTTP' } },
      },
    },
  });

describe('TRANSIT1-HttpsListenerSendsHsts', () => {
  test('Compliance', () => {
    expect(verdicts(check, listeners('max-age=31536000; includeSubDomains; preload'))).toEqual(['Https: compliant']);
  });

  test('Noncompliance 1: no HSTS attribute', () => {
    expect(verdicts(check, listeners())).toEqual(['Https: non-compliant']);
  });

  test('Noncompliance 2: max-age under a year', () => {
    expect(verdicts(check, listeners('max-age=31535999; includeSubDomains'))).toEqual(['Https: non-compliant']);
  });

  test('Noncompliance 3: without includeSubDomains', () => {
    expect(verdicts(check, listeners('max-age=63072000'))).toEqual(['Https: non-compliant']);
  });
});
