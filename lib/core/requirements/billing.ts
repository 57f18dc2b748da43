/** BILLING-1's requirements: how a Stripe credential is declared, so checks find it without guessing. */

/** The tag StripeSecrets puts on every secret that holds a Stripe credential. */
export const STRIPE_SECRET_TAG = { key: 'pocketcity:credential', value: 'stripe' } as const;
