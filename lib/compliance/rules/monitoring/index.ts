import { ClaimRule } from '../claim-rule';
import { noCardDataStore } from './billing1-no-card-data-store';
import { noStripeKeyInEnvironment } from './billing1-no-stripe-key-in-environment';
import { stripeSecretCustomerManagedKey } from './billing1-stripe-secret-customer-managed-key';
import { trailMultiRegionValidatedEncrypted } from './monitor1-trail-multi-region-validated-encrypted';

export * from './billing1-no-card-data-store';
export * from './billing1-no-stripe-key-in-environment';
export * from './billing1-stripe-secret-customer-managed-key';
export * from './monitor1-trail-multi-region-validated-encrypted';

/** Claims-pack rules for monitoring, billing and response (MONITOR-1..3, BILLING-1); one rule per file beside this index. */
export const MONITORING_RULES: readonly ClaimRule[] = [
  trailMultiRegionValidatedEncrypted,
  stripeSecretCustomerManagedKey,
  noStripeKeyInEnvironment,
  noCardDataStore,
];
