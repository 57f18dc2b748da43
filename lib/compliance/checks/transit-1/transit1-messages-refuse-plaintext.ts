import { MESSAGE_STORE_TYPES } from '../../../core/requirements/data-stores';
import { asArray } from '../../template/template-values';
import { modelResourceCheck } from '../check';
import { governingStatements } from '../resource-readers';

/** TRANSIT-1: every queue and topic has a resource policy that denies requests without TLS. */
export const messagesRefusePlaintext = modelResourceCheck({
  id: 'TRANSIT1-MessagesRefusePlaintext',
  claims: ['TRANSIT-1'],
  failure: 'A queue or topic accepts requests without TLS.',
  description: 'TRANSIT-1: messages travel only over TLS; a queue or topic policy refuses anything else',
  types: MESSAGE_STORE_TYPES,
  judge: (store, model) => {
    const denies = governingStatements(model, store).some(
      (s) => s.Effect === 'Deny' && asArray(s.Condition?.Bool?.['aws:SecureTransport']).map(String).includes('false'),
    );
    return denies ? true : ['NoDenyWithoutTls'];
  },
});
