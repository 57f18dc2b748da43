import { noDataStorePublic as check } from '../../../../lib/compliance/checks/transit-2/transit2-no-data-store-public';
import { Change, edited, modelOf, ref, resource, verdicts } from '../../../support/check-fixtures';

const allowAll = (target: string, key: 'Queues' | 'Topics', condition?: unknown) => ({
  [key]: [ref(target)],
  PolicyDocument: {
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', ...(condition ? { Condition: condition } : {}) },
    ],
  },
});
const stores = {
  Resources: {
    Bucket: resource('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    }),
    Queue: resource('AWS::SQS::Queue'),
    QueuePolicy: resource(
      'AWS::SQS::QueuePolicy',
      allowAll('Queue', 'Queues', { StringEquals: { 'aws:SourceAccount': '123456789012' } }),
    ),
    Topic: resource('AWS::SNS::Topic'),
    Secret: resource('AWS::SecretsManager::Secret'),
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(stores, change) }));

describe('TRANSIT2-NoDataStorePublic', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': stores }))).toEqual(
      ['Bucket', 'Queue', 'Topic', 'Secret'].map((id) => `${id}: compliant`),
    );
  });

  test('Noncompliance 1: a bucket that leaves public policies and ACLs possible', () => {
    expect(
      judged((r) => {
        r.Bucket.Properties.PublicAccessBlockConfiguration = { BlockPublicAcls: true, IgnorePublicAcls: true };
      }),
    ).toEqual([
      'Bucket: NoBlockPublicPolicy',
      'Bucket: NoRestrictPublicBuckets',
      'Queue: compliant',
      'Topic: compliant',
      'Secret: compliant',
    ]);
  });

  test('Noncompliance 2: a queue policy that allows everyone without a condition', () => {
    expect(
      judged((r) => (r.QueuePolicy = resource('AWS::SQS::QueuePolicy', allowAll('Queue', 'Queues')))),
    ).toContainEqual('Queue: AllowsEveryone');
  });

  test('Noncompliance 3: a topic policy that allows everyone', () => {
    expect(
      judged((r) => (r.TopicPolicy = resource('AWS::SNS::TopicPolicy', allowAll('Topic', 'Topics')))),
    ).toContainEqual('Topic: AllowsEveryone');
  });
});
