import { claimFlows } from './flow-requirement';

/** REST-2: nothing anonymous reads the database master secret. */
export const REST_2_FLOWS = claimFlows('REST-2', {
  forbidden: [
    {
      id: 'no-anonymous-database-secret-reads',
      description: 'Nothing anonymous reads the database master secret',
      principal: { anonymous: true },
      actions: ['secretsmanager:GetSecretValue'],
      resource: { resource: { role: 'database-cluster' }, part: 'masterUserSecret' },
    },
  ],
});
