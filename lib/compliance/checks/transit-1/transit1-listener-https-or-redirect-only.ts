import { isTls12MinimumPolicy } from '../../../core/requirements';
import type { ListenerAction, ListenerProps, ListenerRuleProps } from '../../template/cfn/elbv2';
import { asArray } from '../../template/template-values';
import { modelResourceCheck } from '../check';

const isHttpsRedirect = (a: ListenerAction) =>
  a.Type === 'redirect' && a.RedirectConfig?.Protocol === 'HTTPS' && (a.RedirectConfig.Port ?? '443') === '443';

/**
 * TRANSIT-1: a load balancer listener is HTTPS with a policy whose floor is TLS 1.2, or plain HTTP whose only
 * action (default and every rule) is a redirect to HTTPS. No listener forwards plain HTTP.
 */
export const listenerHttpsOrRedirect = modelResourceCheck<ListenerProps>({
  id: 'TRANSIT1-ListenerHttpsOrRedirectOnly',
  claims: ['TRANSIT-1'],
  failure: 'A load balancer listener serves plain HTTP, or HTTPS with a policy that allows TLS below 1.2.',
  description:
    'TRANSIT-1: data between customers and the platform travels only over HTTPS with TLS 1.2 or newer; port 80 may only redirect to HTTPS.',
  evidenceProperties: ['Port', 'Protocol', 'SslPolicy', 'DefaultActions'],
  types: ['AWS::ElasticLoadBalancingV2::Listener'],
  judge: (listener, model) => {
    const p = listener.props;
    if (p.Protocol === 'HTTPS') {
      return typeof p.SslPolicy === 'string' && isTls12MinimumPolicy(p.SslPolicy) ? true : false;
    }
    if (p.Protocol !== 'HTTP') return false; // TCP/UDP/TLS pass-through: not HTTPS
    const defaults = asArray<ListenerAction>(p.DefaultActions);
    if (defaults.length === 0 || !defaults.every(isHttpsRedirect)) return false;
    const rules = model
      .ofType<ListenerRuleProps>('AWS::ElasticLoadBalancingV2::ListenerRule')
      .filter((r) => model.resolve(r, r.props.ListenerArn) === listener);
    const forwarding = rules.some((r) => !asArray<ListenerAction>(r.props.Actions).every(isHttpsRedirect));
    return forwarding ? false : true;
  },
});
