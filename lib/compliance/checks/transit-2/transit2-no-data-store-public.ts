import { MESSAGE_STORE_TYPES } from '../../../core/requirements/data-stores';
import type { BucketProps } from '../../template/cfn/s3';
import { asArray } from '../../template/template-values';
import { modelResourceCheck } from '../check';
import { governingStatements } from '../resource-readers';

const isAwsPrincipal = (principal: unknown): principal is { readonly AWS?: unknown } =>
  typeof principal === 'object' && principal !== null;
const everyone = (principal: unknown) =>
  principal === '*' || (isAwsPrincipal(principal) && JSON.stringify(asArray(principal.AWS)) === '["*"]');

const BLOCKS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

/**
 * TRANSIT-2: no data store is open to the internet: every bucket blocks public access in all four ways, and no
 * queue, topic or secret policy allows everyone without a condition.
 */
export const noDataStorePublic = modelResourceCheck<BucketProps>({
  id: 'TRANSIT2-NoDataStorePublic',
  claims: ['TRANSIT-2'],
  failure: 'A data store is open to the public.',
  description: 'TRANSIT-2: data stays inside the firewalled platform: no store is readable or writable by everyone',
  types: ['AWS::S3::Bucket', ...MESSAGE_STORE_TYPES, 'AWS::SecretsManager::Secret'],
  judge: (store, model) => {
    if (store.type === 'AWS::S3::Bucket') {
      const pab = store.props.PublicAccessBlockConfiguration;
      const open = BLOCKS.filter((b) => pab?.[b] !== true);
      return open.length ? open.map((b) => `No${b}`) : true;
    }
    return governingStatements(model, store).some(
      (s) => s.Effect === 'Allow' && everyone(s.Principal) && s.Condition === undefined,
    )
      ? ['AllowsEveryone']
      : true;
  },
});
