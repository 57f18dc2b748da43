import type { DBClusterProps, DBInstanceProps } from '../../template/cfn/rds';
import type { TableProps } from '../../template/cfn/dynamodb';
import type { BucketProps } from '../../template/cfn/s3';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

/** A data store of any of the kinds below: each reads only its own fields. */
type DataStoreProps = Omit<DBClusterProps & DBInstanceProps & BucketProps, 'Tags'> & TableProps;

/** Data stores that could hold card data, and the property naming each. */
const DATA_STORES: Readonly<Record<string, (p: DataStoreProps) => unknown>> = {
  'AWS::RDS::DBCluster': (p) => p.DBClusterIdentifier,
  'AWS::RDS::DBInstance': (p) => p.DBInstanceIdentifier,
  'AWS::S3::Bucket': (p) => p.BucketName,
  'AWS::DynamoDB::Table': (p) => p.TableName,
  'AWS::DynamoDB::GlobalTable': (p) => p.TableName,
};

/** Words that declare card data: card, cards, cardholder, credit-card, pan, pci (as whole words of a name or tag). */
const CARD_DATA = /(^|[^a-z0-9])(credit[-_ ]?cards?|cards?|cardholder|card[-_ ]?data|pan|pci|cde)([^a-z0-9]|$)/i;

const isObject = (x: unknown): x is object => typeof x === 'object' && x !== null;

/** Tags as key/value pairs: a list of `{ Key, Value }`, or a map (DynamoDB-style). */
function tagPairs(tags: unknown): [unknown, unknown][] {
  if (Array.isArray(tags)) {
    return tags.map((t: unknown) =>
      isObject(t) && 'Key' in t ? [t.Key, 'Value' in t ? t.Value : undefined] : [undefined, undefined],
    );
  }
  return isObject(tags) ? Object.entries(tags) : [];
}

/**
 * BILLING-1: no database, bucket or table is declared for card data, by name or by tag. Card data lives only at
 * Stripe; a store named or tagged for it would contradict the security page.
 */
export const noCardDataStore = modelResourceCheck<DataStoreProps>({
  id: 'BILLING1-NoCardDataStore',
  claims: ['BILLING-1'],
  failure: 'A data store (RDS, S3, DynamoDB) is named or tagged for card data.',
  description:
    'BILLING-1 says card information is stored exclusively at Stripe; a data store declared for card data (card, cardholder, PAN, PCI in its name or tags) would put it on our servers.',
  types: Object.keys(DATA_STORES),
  judge: (store, model) => {
    const nameOf = DATA_STORES[store.type];
    if (!nameOf) return NOT_APPLICABLE;
    const findings: string[] = [];
    const name = model.text(store, nameOf(store.props));
    if (name !== undefined && CARD_DATA.test(name)) findings.push(`name:${name}`);
    for (const [key, value] of tagPairs(store.props.Tags)) {
      if (CARD_DATA.test(`${String(key)} ${String(value)}`)) findings.push(`tag:${String(key)}=${String(value)}`);
    }
    return findings.length ? findings : true;
  },
});
