import { resourceCheck } from '../check';
import { props } from '../resource-readers';
import { isStripeSecret } from '../private/stripe-secret';

/**
 * BILLING-1: a secret holding a Stripe credential (tagged `pocketcity:credential=stripe` or named `...stripe...`) is
 * encrypted with a customer managed key, never the AWS managed `aws/secretsmanager` key.
 */
export const stripeSecretCustomerManagedKey = resourceCheck({
  id: 'BILLING1-StripeSecretCustomerManagedKey',
  claims: ['BILLING-1'],
  failure: 'A Stripe secret is not encrypted with a customer managed KMS key.',
  description:
    'BILLING-1: the Stripe keys are the only way to act on card data at Stripe; under a customer managed key their use is governed by a key policy we control and every decryption is in CloudTrail.',
  evidenceProperties: ['Name', 'KmsKeyId'],
  appliesTo: (r) => r.type === 'AWS::SecretsManager::Secret' && isStripeSecret(r),
  judge: (node) => {
    const key = props(node).KmsKeyId;
    if (key === undefined || (typeof key === 'string' && /alias\/aws\//.test(key))) return false;
    return true;
  },
});
