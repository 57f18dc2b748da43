import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { SECURITY_TXT_PATH } from '../../../core/requirements';
import { securityTxtExpiry } from '../../../edge/security-txt';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, refersToResource as refersTo, resourcesOfType } from '../cfn-resource-values';
import { asArray } from '../../assembly/template-values';

const REQUIRED_FIELDS = ['Contact', 'Expires', 'Policy', 'Preferred-Languages', 'Canonical'];

interface FixedResponseAction {
  readonly Type?: string;
  readonly FixedResponseConfig?: { StatusCode?: string; MessageBody?: string };
}

/**
 * RESPONSE-1: every HTTPS listener answers `/.well-known/security.txt` itself with a fixed 200 response carrying
 * the RFC 9116 fields (Contact, Expires, Policy, Preferred-Languages, Canonical) and an Expires date that has not
 * passed at the time of the check.
 */
export const securityTxtAnswered: ClaimRule = {
  id: 'RESPONSE1-SecurityTxtAnswered',
  claims: ['RESPONSE-1'],
  info: 'An HTTPS listener does not answer /.well-known/security.txt with a complete, unexpired RFC 9116 file.',
  explanation:
    'RESPONSE-1: whoever finds a problem can learn from the site itself, at the standard address, how to report it and that the information is current.',
  evidenceProperties: ['Protocol', 'Port'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::ElasticLoadBalancingV2::Listener') return NagRuleCompliance.NOT_APPLICABLE;
    if (cfnProperties(node).Protocol !== 'HTTPS') return NagRuleCompliance.NOT_APPLICABLE;
    const bodies = resourcesOfType(node, 'AWS::ElasticLoadBalancingV2::ListenerRule')
      .map(cfnProperties)
      .filter((r) => refersTo(r.ListenerArn, node))
      .filter((r) =>
        asArray(r.Conditions as { Field?: string; PathPatternConfig?: { Values?: string[] } }[]).some(
          (c) => c.Field === 'path-pattern' && asArray(c.PathPatternConfig?.Values).includes(SECURITY_TXT_PATH),
        ),
      )
      .flatMap((r) => asArray(r.Actions as FixedResponseAction[]))
      .filter((a) => a.Type === 'fixed-response' && a.FixedResponseConfig?.StatusCode === '200')
      .map((a) => a.FixedResponseConfig?.MessageBody ?? '');
    if (bodies.length === 0) return ['NoSecurityTxtRule'];
    const body = bodies[0];
    const findings = REQUIRED_FIELDS.filter((f) => !new RegExp(`^${f}:\\s*\\S`, 'm').test(body)).map(
      (f) => `Missing${f}`,
    );
    const expires = Date.parse(securityTxtExpiry(body) ?? '');
    if (!Number.isNaN(expires) && expires <= Date.now()) findings.push('Expired');
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
