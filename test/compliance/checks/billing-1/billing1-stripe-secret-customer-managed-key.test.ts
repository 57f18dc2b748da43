import { stripeSecretCustomerManagedKey as check } from '../../../../lib/compliance/checks/billing-1/billing1-stripe-secret-customer-managed-key';
import { STRIPE_SECRET_TAG } from '../../../../lib/core/requirements/billing';
import { Change, edited, getAtt, kmsKey, modelOf, verdicts } from '../../../support/check-fixtures';

const secrets = {
  Resources: {
    Key: kmsKey(),
    Named: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: { Name: 'prod/Stripe/api-key', KmsKeyId: getAtt('Key') },
    },
    Tagged: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: { Tags: [{ Key: STRIPE_SECRET_TAG.key, Value: STRIPE_SECRET_TAG.value }], KmsKeyId: getAtt('Key') },
    },
    // Not a Stripe credential: not judged.
    Database: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'prod/database' } },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Billing': edited(secrets, change) }));

describe('BILLING1-StripeSecretCustomerManagedKey', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Billing': secrets }))).toEqual(['Named: compliant', 'Tagged: compliant']);
  });

  test('Noncompliance 1: no key named (the AWS managed key)', () => {
    expect(judged((r) => delete r.Tagged.Properties.KmsKeyId)).toEqual(['Named: compliant', 'Tagged: non-compliant']);
  });

  test('Noncompliance 2: the aws/secretsmanager alias', () => {
    expect(judged((r) => (r.Named.Properties.KmsKeyId = 'alias/aws/secretsmanager'))).toEqual([
      'Named: non-compliant',
      'Tagged: compliant',
    ]);
  });
});
