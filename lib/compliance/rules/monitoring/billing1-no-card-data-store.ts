import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';

/** Data stores that could hold card data, and the property naming each. */
const DATA_STORES: Record<string, string> = {
  'AWS::RDS::DBCluster': 'dbClusterIdentifier',
  'AWS::RDS::DBInstance': 'dbInstanceIdentifier',
  'AWS::S3::Bucket': 'bucketName',
  'AWS::DynamoDB::Table': 'tableName',
  'AWS::DynamoDB::GlobalTable': 'tableName',
};

/** Words that declare card data: card, cards, cardholder, credit-card, pan, pci (as whole words of a name or tag). */
const CARD_DATA = /(^|[^a-z0-9])(credit[-_ ]?cards?|cards?|cardholder|card[-_ ]?data|pan|pci|cde)([^a-z0-9]|$)/i;

/**
 * BILLING-1: no database, bucket or table is declared for card data, by name or by tag. Card data lives only at
 * Stripe; a store named or tagged for it would contradict the security page.
 */
export const noCardDataStore: ClaimRule = {
  id: 'BILLING1-NoCardDataStore',
  claims: ['BILLING-1'],
  info: 'A data store (RDS, S3, DynamoDB) is named or tagged for card data.',
  explanation:
    'BILLING-1 says card information is stored exclusively at Stripe; a data store declared for card data (card, cardholder, PAN, PCI in its name or tags) would put it on our servers.',
  check: (node: CfnResource): NagRuleResult => {
    const nameProperty = DATA_STORES[node.cfnResourceType];
    if (!nameProperty) return NagRuleCompliance.NOT_APPLICABLE;
    const stack = Stack.of(node);
    const findings: string[] = [];
    const name: unknown = stack.resolve((node as unknown as Record<string, unknown>)[nameProperty]);
    if (typeof name === 'string' && CARD_DATA.test(name)) findings.push(`name:${name}`);
    const tags = stack.resolve(TagManager.of(node)?.renderTags()) as unknown;
    // A list of { key, value } (standard tags, before CloudFormation capitalises them) or a map (DynamoDB-style).
    const tagList: [unknown, unknown][] = Array.isArray(tags)
      ? (tags as Record<string, unknown>[]).map((t) => [t.key ?? t.Key, t.value ?? t.Value])
      : tags && typeof tags === 'object'
        ? Object.entries(tags as Record<string, unknown>)
        : [];
    for (const [key, value] of tagList) {
      if (CARD_DATA.test(`${String(key)} ${String(value)}`)) findings.push(`tag:${String(key)}=${String(value)}`);
    }
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
