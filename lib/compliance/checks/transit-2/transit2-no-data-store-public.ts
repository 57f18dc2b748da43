import { MESSAGE_STORE_TYPES } from '../../../core/requirements/data-stores';
import { asArray } from '../../template/template-values';
import { ofTypes, resourceCheck } from '../check';
import { props, resourcePolicyStatements } from '../resource-readers';

interface Statement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

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
    return resourcePolicyStatements<Statement>(store).some(
      (s) => s.Effect === 'Allow' && everyone(s.Principal) && s.Condition === undefined,
    )
      ? ['AllowsEveryone']
      : true;
  },
});
