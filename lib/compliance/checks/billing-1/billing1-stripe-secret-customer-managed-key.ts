import type { SecretProps } from '../../template/cfn/secretsmanager';
import { modelResourceCheck } from '../check';
import { isStripeSecret } from '../private/stripe-secret';

/**
 * BILLING-1: a secret holding a Stripe credential (declared `stripe-secret`, tagged `pocketcity:credential=stripe` or
 * named `...stripe...`) is encrypted with a customer managed key, never the AWS managed `aws/secretsmanager` key.
 */
export const stripeSecretCustomerManagedKey = modelResourceCheck<SecretProps>({
  id: 'BILLING1-StripeSecretCustomerManagedKey',
  claims: ['BILLING-1'],
  failure: 'A Stripe secret is not encrypted with a customer managed KMS key.',
  description:
    'BILLING-1: the Stripe keys are the only way to act on card data at Stripe; under a customer managed key their use is governed by a key policy we control and every decryption is in CloudTrail.',
  evidenceProperties: ['Name', 'KmsKeyId'],
  types: ['AWS::SecretsManager::Secret'],
  appliesTo: (secret, model) => isStripeSecret(model, secret),
  judge: (secret) => {
    const key = secret.props.KmsKeyId;
    if (key === undefined || (typeof key === 'string' && /alias\/aws\//.test(key))) return false;
    return true;
  },
});
