import { claimFlows } from './flow-requirement';
import { VIA_SECRETS_MANAGER } from './shared';

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
  ],
});
