import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isTls12MinimumPolicy } from '../../../core/requirements';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, refersToResource as refersTo, resourcesOfType } from '../cfn-resource-values';
import { asArray } from '../../assembly/template-values';

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
export const listenerHttpsOrRedirect: ClaimRule = {
  id: 'TRANSIT1-ListenerHttpsOrRedirectOnly',
  claims: ['TRANSIT-1'],
  info: 'A load balancer listener serves plain HTTP, or HTTPS with a policy that allows TLS below 1.2.',
  explanation:
    'TRANSIT-1: data between customers and the platform travels only over HTTPS with TLS 1.2 or newer; port 80 may only redirect to HTTPS.',
  evidenceProperties: ['Port', 'Protocol', 'SslPolicy', 'DefaultActions'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::ElasticLoadBalancingV2::Listener') return NagRuleCompliance.NOT_APPLICABLE;
    const p = cfnProperties(node);
    if (p.Protocol === 'HTTPS') {
      return typeof p.SslPolicy === 'string' && isTls12MinimumPolicy(p.SslPolicy)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    if (p.Protocol !== 'HTTP') return NagRuleCompliance.NON_COMPLIANT; // TCP/UDP/TLS pass-through: not HTTPS
    const defaults = asArray(p.DefaultActions as Action[]);
    if (defaults.length === 0 || !defaults.every(isHttpsRedirect)) return NagRuleCompliance.NON_COMPLIANT;
    const rules = resourcesOfType(node, 'AWS::ElasticLoadBalancingV2::ListenerRule').filter((r) =>
      refersTo(cfnProperties(r).ListenerArn, node),
    );
    const forwarding = rules.some((r) => !asArray(cfnProperties(r).Actions as Action[]).every(isHttpsRedirect));
    return forwarding ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
