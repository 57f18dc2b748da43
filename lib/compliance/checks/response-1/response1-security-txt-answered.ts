import { SECURITY_TXT_PATH, securityTxtExpiry } from '../../../core/requirements';
import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { inStack, props, pointsAt } from '../resource-readers';
import { asArray } from '../../template/template-values';

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
export const securityTxtAnswered = resourceCheck({
  id: 'RESPONSE1-SecurityTxtAnswered',
  claims: ['RESPONSE-1'],
  failure: 'An HTTPS listener does not answer /.well-known/security.txt with a complete, unexpired RFC 9116 file.',
  description:
    'RESPONSE-1: whoever finds a problem can learn from the site itself, at the standard address, how to report it and that the information is current.',
  evidenceProperties: ['Protocol', 'Port'],
  appliesTo: ofTypes('AWS::ElasticLoadBalancingV2::Listener'),
  judge: (node) => {
    if (props(node).Protocol !== 'HTTPS') return NOT_APPLICABLE;
    const bodies = inStack(node, 'AWS::ElasticLoadBalancingV2::ListenerRule')
      .map(props)
      .filter((r) => pointsAt(r.ListenerArn, node))
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
    const expiry = securityTxtExpiry(body);
    const expires = Date.parse(expiry ?? '');
    // A date that cannot be read cannot be shown to lie in the future.
    if (expiry !== undefined && Number.isNaN(expires)) findings.push('ExpiresUnreadable');
    else if (expires <= Date.now()) findings.push('Expired');
    return findings.length ? findings : true;
  },
});
