import { STRIPE_SECRET_TAG } from '../../../core/requirements/billing';
import type { LocatedResource } from '../../template/platform-assembly';
import { flatten } from '../../template/template-values';
import { props } from '../resource-readers';

/** A secret holds a Stripe credential when tagged so by StripeSecrets or named for Stripe. */
export function isStripeSecret(secret: LocatedResource): boolean {
  const name = flatten(props(secret).Name, secret.stack);
  if (name !== undefined && /stripe/i.test(name)) return true;
  const tags = props(secret).Tags as { Key?: unknown; Value?: unknown }[] | undefined;
  return (tags ?? []).some((t) => t.Key === STRIPE_SECRET_TAG.key && t.Value === STRIPE_SECRET_TAG.value);
}
