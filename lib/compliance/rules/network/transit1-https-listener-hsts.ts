import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { HSTS_LISTENER_ATTRIBUTE, MIN_HSTS_MAX_AGE_SECONDS } from '../../../core/requirements';
import { ClaimRule } from '../claim-rule';
import { cfnProperties } from '../cfn-resource-values';
import { asArray } from '../../assembly/template-values';

/** TRANSIT-1: every HTTPS listener makes the load balancer send HSTS, max-age at least a year, includeSubDomains. */
export const httpsListenerHsts: ClaimRule = {
  id: 'TRANSIT1-HttpsListenerSendsHsts',
  claims: ['TRANSIT-1'],
  info: 'An HTTPS listener does not set Strict-Transport-Security with max-age >= 31536000 and includeSubDomains.',
  explanation:
    'TRANSIT-1: HSTS makes browsers refuse plain HTTP to the domain for a year, so no later request can be downgraded.',
  evidenceProperties: ['ListenerAttributes'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::ElasticLoadBalancingV2::Listener') return NagRuleCompliance.NOT_APPLICABLE;
    const p = cfnProperties(node);
    if (p.Protocol !== 'HTTPS') return NagRuleCompliance.NOT_APPLICABLE;
    const attr = asArray(p.ListenerAttributes as { Key?: string; Value?: unknown }[]).find(
      (a) => a.Key === HSTS_LISTENER_ATTRIBUTE,
    );
    const value = typeof attr?.Value === 'string' ? attr.Value : '';
    const maxAge = Number(/max-age=(\d+)/i.exec(value)?.[1] ?? 0);
    return maxAge >= MIN_HSTS_MAX_AGE_SECONDS && /includeSubDomains/i.test(value)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
};
