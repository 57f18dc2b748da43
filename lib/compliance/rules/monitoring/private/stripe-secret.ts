import { Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { STRIPE_SECRET_TAG } from '../../../../billing/stripe-secrets';

/** A secret holds a Stripe credential when tagged so by StripeSecrets or named for Stripe. */
export function isStripeSecret(secret: secretsmanager.CfnSecret): boolean {
  const stack = Stack.of(secret);
  const name: unknown = stack.resolve(secret.name);
  if (typeof name === 'string' && /stripe/i.test(name)) return true;
  const tags = stack.resolve(secret.tags.renderTags()) as { Key?: string; Value?: string }[] | undefined;
  return (tags ?? []).some((t) => t.Key === STRIPE_SECRET_TAG.key && t.Value === STRIPE_SECRET_TAG.value);
}
