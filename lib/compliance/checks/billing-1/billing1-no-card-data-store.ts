import { flatten } from '../../template/template-values';
import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { props } from '../resource-readers';

/** Data stores that could hold card data, and the property naming each. */
const DATA_STORES: Record<string, string> = {
  'AWS::RDS::DBCluster': 'DBClusterIdentifier',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
};

/** Words that declare card data: card, cards, cardholder, credit-card, pan, pci (as whole words of a name or tag). */
const CARD_DATA = /(^|[^a-z0-9])(credit[-_ ]?cards?|cards?|cardholder|card[-_ ]?data|pan|pci|cde)([^a-z0-9]|$)/i;

/**
 * BILLING-1: no database, bucket or table is declared for card data, by name or by tag. Card data lives only at
 * Stripe; a store named or tagged for it would contradict the security page.
 */
export const noCardDataStore = resourceCheck({
  id: 'BILLING1-NoCardDataStore',
  claims: ['BILLING-1'],
  failure: 'A data store (RDS, S3, DynamoDB) is named or tagged for card data.',
  description:
    'BILLING-1 says card information is stored exclusively at Stripe; a data store declared for card data (card, cardholder, PAN, PCI in its name or tags) would put it on our servers.',
  appliesTo: ofTypes(...Object.keys(DATA_STORES)),
  judge: (node) => {
    const nameProperty = DATA_STORES[node.type];
    if (!nameProperty) return NOT_APPLICABLE;
    const findings: string[] = [];
    const name = flatten(props(node)[nameProperty], node.stack);
    if (name !== undefined && CARD_DATA.test(name)) findings.push(`name:${name}`);
    const tags = props(node).Tags;
    // A list of { Key, Value } or a map (DynamoDB-style).
    const tagList: [unknown, unknown][] = Array.isArray(tags)
      ? (tags as Record<string, unknown>[]).map((t) => [t.Key, t.Value])
      : tags && typeof tags === 'object'
        ? Object.entries(tags as Record<string, unknown>)
        : [];
    for (const [key, value] of tagList) {
      if (CARD_DATA.test(`${String(key)} ${String(value)}`)) findings.push(`tag:${String(key)}=${String(value)}`);
    }
    return findings.length ? findings : true;
  },
});
