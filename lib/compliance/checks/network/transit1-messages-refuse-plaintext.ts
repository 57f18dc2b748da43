import { MESSAGE_STORE_TYPES } from '../../../core/requirements/data-stores';
import { asArray } from '../../template/template-values';
import { ofTypes, resourceCheck } from '../check';
import { inStack, pointsAt, props } from '../resource-readers';

interface Statement {
  readonly Effect?: string;
  readonly Condition?: { Bool?: Record<string, unknown> };
}

const POLICY_OF: Readonly<Record<string, { type: string; target: string }>> = {
  'AWS::SQS::Queue': { type: 'AWS::SQS::QueuePolicy', target: 'Queues' },
  'AWS::SNS::Topic': { type: 'AWS::SNS::TopicPolicy', target: 'Topics' },
};

/** TRANSIT-1: every queue and topic has a resource policy that denies requests without TLS. */
export const messagesRefusePlaintext = resourceCheck({
  id: 'TRANSIT1-MessagesRefusePlaintext',
  claims: ['TRANSIT-1'],
  failure: 'A queue or topic accepts requests without TLS.',
  description: 'TRANSIT-1: messages travel only over TLS; a queue or topic policy refuses anything else',
  appliesTo: ofTypes(...MESSAGE_STORE_TYPES),
  judge: (store) => {
    const policy = POLICY_OF[store.type];
    const denies = inStack(store, policy.type)
      .filter((p) => asArray(props(p)[policy.target]).some((t) => pointsAt(t, store)))
      .flatMap((p) => asArray<Statement>((props(p).PolicyDocument as { Statement?: unknown })?.Statement))
      .some(
        (s) => s.Effect === 'Deny' && asArray(s.Condition?.Bool?.['aws:SecureTransport']).map(String).includes('false'),
      );
    return denies ? true : ['NoDenyWithoutTls'];
  },
});
