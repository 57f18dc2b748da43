import { SECURITY_TXT_PATH, securityTxtExpiry } from '../../../core/requirements';
import type { ListenerAction, ListenerProps, ListenerRuleCondition, ListenerRuleProps } from '../../template/cfn/elbv2';
import { asArray } from '../../template/template-values';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

const REQUIRED_FIELDS = ['Contact', 'Expires', 'Policy', 'Preferred-Languages', 'Canonical'];

const answersSecurityTxt = (c: ListenerRuleCondition) =>
  c.Field === 'path-pattern' && asArray(c.PathPatternConfig?.Values).includes(SECURITY_TXT_PATH);

/**
 * RESPONSE-1: every HTTPS listener answers `/.well-known/security.txt` itself with a fixed 200 response carrying
 * the RFC 9116 fields (Contact, Expires, Policy, Preferred-Languages, Canonical) and an Expires date that has not
 * passed at the time of the check.
 */
export const securityTxtAnswered = modelResourceCheck<ListenerProps>({
  id: 'RESPONSE1-SecurityTxtAnswered',
  claims: ['RESPONSE-1'],
  failure: 'An HTTPS listener does not answer /.well-known/security.txt with a complete, unexpired RFC 9116 file.',
  description:
    'RESPONSE-1: whoever finds a problem can learn from the site itself, at the standard address, how to report it and that the information is current.',
  evidenceProperties: ['Protocol', 'Port'],
  types: ['AWS::ElasticLoadBalancingV2::Listener'],
  judge: (listener, model) => {
    if (listener.props.Protocol !== 'HTTPS') return NOT_APPLICABLE;
    const bodies = model
      .ofType<ListenerRuleProps>('AWS::ElasticLoadBalancingV2::ListenerRule')
      .filter((r) => model.resolve(r, r.props.ListenerArn) === listener)
      .filter((r) => asArray<ListenerRuleCondition>(r.props.Conditions).some(answersSecurityTxt))
      .flatMap((r) =>
        asArray<ListenerAction>(r.props.Actions)
          .filter((a) => a.Type === 'fixed-response' && a.FixedResponseConfig?.StatusCode === '200')
          // A body the template alone cannot work out is judged as empty: nothing in it can be shown.
          .map((a) => model.text(r, a.FixedResponseConfig?.MessageBody) ?? ''),
      );
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
