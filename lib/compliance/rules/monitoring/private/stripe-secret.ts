import { Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { STRIPE_SECRET_TAG } from '../../../../billing/stripe-secrets';

/** A secret holds a Stripe credential when tagged so by StripeSecrets or named for Stripe. */
export function isStripeSecret(secret: secretsmanager.CfnSecret): boolean {
  const stack = Stack.of(secret);
  const name: unknown = stack.resolve(secret.name);
  if (typeof name === 'string' && /stripe/i.test(name)) return true;
  // The tag manager renders { key, value } before CloudFormation capitalises them.
  const tags = stack.resolve(secret.tags.renderTags()) as
    { key?: string; value?: string; Key?: string; Value?: string }[] | undefined;
  return (tags ?? []).some(
    (t) => (t.key ?? t.Key) === STRIPE_SECRET_TAG.key && (t.value ?? t.Value) === STRIPE_SECRET_TAG.value,
  );
}
