import { MESSAGE_STORE_TYPES } from '../../../core/requirements/data-stores';
import { asArray } from '../../template/template-values';
import { ofTypes, resourceCheck } from '../check';
import { resourcePolicyStatements } from '../resource-readers';

interface Statement {
  readonly Effect?: string;
  readonly Condition?: { Bool?: Record<string, unknown> };
}

/** TRANSIT-1: every queue and topic has a resource policy that denies requests without TLS. */
export const messagesRefusePlaintext = resourceCheck({
  id: 'TRANSIT1-MessagesRefusePlaintext',
  claims: ['TRANSIT-1'],
  failure: 'A queue or topic accepts requests without TLS.',
  description: 'TRANSIT-1: messages travel only over TLS; a queue or topic policy refuses anything else',
  appliesTo: ofTypes(...MESSAGE_STORE_TYPES),
  judge: (store) => {
    const denies = resourcePolicyStatements<Statement>(store).some(
      (s) => s.Effect === 'Deny' && asArray(s.Condition?.Bool?.['aws:SecureTransport']).map(String).includes('false'),
    );
    return denies ? true : ['NoDenyWithoutTls'];
  },
});
