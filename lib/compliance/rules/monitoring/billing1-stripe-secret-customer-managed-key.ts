import { CfnResource, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { isStripeSecret } from './private/stripe-secret';

/**
 * BILLING-1: a secret holding a Stripe credential (tagged `pocketcity:credential=stripe` or named `...stripe...`) is
 * encrypted with a customer managed key, never the AWS managed `aws/secretsmanager` key.
 */
export const stripeSecretCustomerManagedKey: ClaimRule = {
  id: 'BILLING1-StripeSecretCustomerManagedKey',
  claims: ['BILLING-1'],
  info: 'A Stripe secret is not encrypted with a customer managed KMS key.',
  explanation:
    'BILLING-1: the Stripe keys are the only way to act on card data at Stripe; under a customer managed key their use is governed by a key policy we control and every decryption is in CloudTrail.',
  evidenceProperties: ['Name', 'KmsKeyId'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== secretsmanager.CfnSecret.CFN_RESOURCE_TYPE_NAME)
      return NagRuleCompliance.NOT_APPLICABLE;
    const secret = node as secretsmanager.CfnSecret;
    if (!isStripeSecret(secret)) return NagRuleCompliance.NOT_APPLICABLE;
    const key: unknown = Stack.of(node).resolve(secret.kmsKeyId);
    if (key === undefined || (typeof key === 'string' && /alias\/aws\//.test(key)))
      return NagRuleCompliance.NON_COMPLIANT;
    return NagRuleCompliance.COMPLIANT;
  },
};
