import { HSTS_LISTENER_ATTRIBUTE, MIN_HSTS_MAX_AGE_SECONDS } from '../../../core/requirements';
import type { ElbKeyValue, ListenerProps } from '../../template/cfn/elbv2';
import { asArray } from '../../template/template-values';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

/** TRANSIT-1: every HTTPS listener makes the load balancer send HSTS, max-age at least a year, includeSubDomains. */
export const httpsListenerHsts = modelResourceCheck<ListenerProps>({
  id: 'TRANSIT1-HttpsListenerSendsHsts',
  claims: ['TRANSIT-1'],
  failure: 'An HTTPS listener does not set Strict-Transport-Security with max-age >= 31536000 and includeSubDomains.',
  description:
    'TRANSIT-1: HSTS makes browsers refuse plain HTTP to the domain for a year, so no later request can be downgraded.',
  evidenceProperties: ['ListenerAttributes'],
  types: ['AWS::ElasticLoadBalancingV2::Listener'],
  judge: (listener) => {
    if (listener.props.Protocol !== 'HTTPS') return NOT_APPLICABLE;
    const attr = asArray<ElbKeyValue>(listener.props.ListenerAttributes).find((a) => a.Key === HSTS_LISTENER_ATTRIBUTE);
    const value = typeof attr?.Value === 'string' ? attr.Value : '';
    const maxAge = Number(/max-age=(\d+)/i.exec(value)?.[1] ?? 0);
    return maxAge >= MIN_HSTS_MAX_AGE_SECONDS && /includeSubDomains/i.test(value) ? true : false;
  },
});
