import { noCardDataStore as check } from '../../../../lib/compliance/checks/billing-1/billing1-no-card-data-store';
import { Change, edited, modelOf, verdicts } from '../../../support/check-fixtures';

const stores = {
  Resources: {
    Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { DBClusterIdentifier: 'prod-database' } },
    // "scorecard" and "pancake" hold the words only inside others.
    Bucket: {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: 'prod-scorecards', Tags: [{ Key: 'team', Value: 'pancake' }] },
    },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'sessions', Tags: [] } },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(stores, change) }));

describe('BILLING1-NoCardDataStore', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': stores }))).toEqual([
      'Cluster: compliant',
      'Bucket: compliant',
      'Table: compliant',
    ]);
  });

  test('Noncompliance 1: a store named for card data (a literal or a joined name)', () => {
    expect(judged((r) => (r.Cluster.Properties.DBClusterIdentifier = 'prod-cardholder-db'))[0]).toBe(
      'Cluster: name:prod-cardholder-db',
    );
    const joined = { 'Fn::Join': ['-', [{ Ref: 'AWS::AccountId' }, 'credit-cards']] };
    expect(judged((r) => (r.Bucket.Properties.BucketName = joined))[1]).toBe('Bucket: name:123456789012-credit-cards');
  });

  test('Noncompliance 2: a store tagged for card data (tag list or tag map)', () => {
    expect(judged((r) => r.Bucket.Properties.Tags.push({ Key: 'data', Value: 'PCI' }))[1]).toBe('Bucket: tag:data=PCI');
    expect(judged((r) => (r.Table.Properties.Tags = { scope: 'cde' }))[2]).toBe('Table: tag:scope=cde');
  });
});
