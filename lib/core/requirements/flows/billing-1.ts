import { claimFlows } from './flow-requirement';
import { DIRECT_KEY_USE_ACTIONS, VIA_SECRETS_MANAGER } from './shared';

/** BILLING-1: the service, and nothing else, reads the Stripe secrets. */
export const BILLING_1_FLOWS = claimFlows('BILLING-1', {
  required: [
    {
      id: 'service-task-reads-stripe-secrets',
      description: 'The service execution role reads the Stripe secrets (injected into the service container)',
      principal: { role: 'service-execution-role' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'stripe-secret' } },
    },
    {
      id: 'service-task-decrypts-stripe-secrets',
      description: 'The service execution role decrypts the Stripe secrets with their key, through Secrets Manager',
      principal: { role: 'service-execution-role' },
      actions: ['kms:Decrypt'],
      resource: { keyOf: { role: 'stripe-secret' } },
      context: VIA_SECRETS_MANAGER,
    },
  ],
  forbidden: [
    {
      id: 'stripe-secrets-read-only-by-service',
      description:
        "No role but the service's execution role (which ECS uses to hand the Stripe keys to the service container) reads the Stripe secrets",
      principal: { everyRoleExcept: ['service-execution-role'] },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'stripe-secret' } },
    },
    {
      id: 'no-anonymous-secret-reads',
      description: 'Nothing anonymous reads any secret',
      principal: { anonymous: true },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { type: 'AWS::SecretsManager::Secret' } },
    },
    {
      id: 'stripe-secrets-read-by-no-other-identity',
      description:
        "No identity of the account but the service's execution role reads the Stripe secrets, whatever its identity policy says: the secrets' resource policy denies everyone else",
      principal: { principalClass: 'this-account-any-identity' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'stripe-secret' } },
    },
    {
      id: 'stripe-secrets-not-read-by-other-accounts',
      description: 'No principal of another account reads the Stripe secrets',
      principal: { principalClass: 'other-account' },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'stripe-secret' } },
    },
    {
      id: 'stripe-key-not-used-by-other-accounts',
      description: "No principal of another account uses the Stripe secrets' key, directly or through Secrets Manager",
      principal: { principalClass: 'other-account' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'stripe-secret' } },
      context: VIA_SECRETS_MANAGER,
    },
  ],
});
