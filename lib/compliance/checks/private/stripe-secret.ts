import { STRIPE_SECRET_TAG } from '../../../core/requirements/billing';
import type { CfnTag } from '../../template/cfn/common';
import type { SecretProps } from '../../template/cfn/secretsmanager';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';

/**
 * A secret holds a Stripe credential when its construct declared the `stripe-secret` role, StripeSecrets tagged it
 * so, or it is named for Stripe (a secret a team added by hand).
 */
export function isStripeSecret(model: StageModel, secret: ModelResource<SecretProps>): boolean {
  if (secret.roles.includes('stripe-secret')) return true;
  const name = model.text(secret, secret.props.Name);
  if (name !== undefined && /stripe/i.test(name)) return true;
  return asArray<CfnTag>(secret.props.Tags).some(
    (t) => t.Key === STRIPE_SECRET_TAG.key && t.Value === STRIPE_SECRET_TAG.value,
  );
}
