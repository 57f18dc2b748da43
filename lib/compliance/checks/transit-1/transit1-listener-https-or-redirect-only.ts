import { isTls12MinimumPolicy } from '../../../core/requirements';
import { ofTypes, resourceCheck } from '../check';
import { inStack, props, pointsAt } from '../resource-readers';
import { asArray } from '../../template/template-values';

interface Action {
  readonly Type?: string;
  readonly RedirectConfig?: { Protocol?: string; Port?: string };
}

const isHttpsRedirect = (a: Action) =>
  a.Type === 'redirect' && a.RedirectConfig?.Protocol === 'HTTPS' && (a.RedirectConfig.Port ?? '443') === '443';

/**
 * TRANSIT-1: a load balancer listener is HTTPS with a policy whose floor is TLS 1.2, or plain HTTP whose only
 * action (default and every rule) is a redirect to HTTPS. No listener forwards plain HTTP.
 */
export const listenerHttpsOrRedirect = resourceCheck({
  id: 'TRANSIT1-ListenerHttpsOrRedirectOnly',
  claims: ['TRANSIT-1'],
  failure: 'A load balancer listener serves plain HTTP, or HTTPS with a policy that allows TLS below 1.2.',
  description:
    'TRANSIT-1: data between customers and the platform travels only over HTTPS with TLS 1.2 or newer; port 80 may only redirect to HTTPS.',
  evidenceProperties: ['Port', 'Protocol', 'SslPolicy', 'DefaultActions'],
  appliesTo: ofTypes('AWS::ElasticLoadBalancingV2::Listener'),
  judge: (node) => {
    const p = props(node);
    if (p.Protocol === 'HTTPS') {
      return typeof p.SslPolicy === 'string' && isTls12MinimumPolicy(p.SslPolicy) ? true : false;
    }
    if (p.Protocol !== 'HTTP') return false; // TCP/UDP/TLS pass-through: not HTTPS
    const defaults = asArray(p.DefaultActions as Action[]);
    if (defaults.length === 0 || !defaults.every(isHttpsRedirect)) return false;
    const rules = inStack(node, 'AWS::ElasticLoadBalancingV2::ListenerRule').filter((r) =>
      pointsAt(props(r).ListenerArn, node),
    );
    const forwarding = rules.some((r) => !asArray(props(r).Actions as Action[]).every(isHttpsRedirect));
    return forwarding ? false : true;
  },
});
