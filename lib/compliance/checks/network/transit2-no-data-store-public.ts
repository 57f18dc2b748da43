import { MESSAGE_STORE_TYPES } from '../../../core/requirements/data-stores';
import { asArray } from '../../template/template-values';
import { ofTypes, resourceCheck } from '../check';
import { inStack, pointsAt, props } from '../resource-readers';

interface Statement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

const POLICY_OF: Readonly<Record<string, { type: string; target: string; list?: boolean }>> = {
  'AWS::SQS::Queue': { type: 'AWS::SQS::QueuePolicy', target: 'Queues', list: true },
  'AWS::SNS::Topic': { type: 'AWS::SNS::TopicPolicy', target: 'Topics', list: true },
  'AWS::SecretsManager::Secret': { type: 'AWS::SecretsManager::ResourcePolicy', target: 'SecretId' },
};

const everyone = (principal: unknown) =>
  principal === '*' || JSON.stringify(asArray((principal as { AWS?: unknown } | undefined)?.AWS)) === '["*"]';

const BLOCKS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

/**
 * TRANSIT-2: no data store is open to the internet: every bucket blocks public access in all four ways, and no
 * queue, topic or secret policy allows everyone without a condition.
 */
export const noDataStorePublic = resourceCheck({
  id: 'TRANSIT2-NoDataStorePublic',
  claims: ['TRANSIT-2'],
  failure: 'A data store is open to the public.',
  description: 'TRANSIT-2: data stays inside the firewalled platform: no store is readable or writable by everyone',
  appliesTo: ofTypes('AWS::S3::Bucket', ...MESSAGE_STORE_TYPES, 'AWS::SecretsManager::Secret'),
  judge: (store) => {
    if (store.type === 'AWS::S3::Bucket') {
      const pab = (props(store).PublicAccessBlockConfiguration ?? {}) as Record<string, unknown>;
      const open = BLOCKS.filter((b) => pab[b] !== true);
      return open.length ? open.map((b) => `No${b}`) : true;
    }
    const policy = POLICY_OF[store.type];
    const statements = inStack(store, policy.type)
      .filter((p) => asArray(props(p)[policy.target]).some((t) => pointsAt(t, store)))
      .flatMap((p) => asArray<Statement>((props(p).PolicyDocument as { Statement?: unknown })?.Statement));
    return statements.some((s) => s.Effect === 'Allow' && everyone(s.Principal) && s.Condition === undefined)
      ? ['AllowsEveryone']
      : true;
  },
});
