import { messagesRefusePlaintext as check } from '../../../../lib/compliance/checks/transit-1/transit1-messages-refuse-plaintext';
import { Change, edited, modelOf, ref, resource, verdicts } from '../../../support/check-fixtures';

const denyPlain = (target: string, key: 'Queues' | 'Topics') => ({
  [key]: [ref(target)],
  PolicyDocument: {
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  },
});
const stores = {
  Resources: {
    Queue: resource('AWS::SQS::Queue'),
    QueuePolicy: resource('AWS::SQS::QueuePolicy', denyPlain('Queue', 'Queues')),
    Topic: resource('AWS::SNS::Topic'),
    TopicPolicy: resource('AWS::SNS::TopicPolicy', denyPlain('Topic', 'Topics')),
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Monitoring': edited(stores, change) }));

describe('TRANSIT1-MessagesRefusePlaintext', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Monitoring': stores }))).toEqual(['Queue: compliant', 'Topic: compliant']);
  });

  test('Noncompliance 1: a queue without a policy', () => {
    expect(judged((r) => delete r.QueuePolicy)).toEqual(['Queue: NoDenyWithoutTls', 'Topic: compliant']);
  });

  test('Noncompliance 2: a topic policy that denies nothing', () => {
    expect(judged((r) => (r.TopicPolicy.Properties.PolicyDocument.Statement[0].Effect = 'Allow'))).toEqual([
      'Queue: compliant',
      'Topic: NoDenyWithoutTls',
    ]);
  });
});
