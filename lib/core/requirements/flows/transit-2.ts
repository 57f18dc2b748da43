import { claimFlows } from './flow-requirement';
import { LOGS_ENCRYPTION_CONTEXT, LOGS_KEY_ACTIONS } from './shared';

/** TRANSIT-2: the VPC flow logs deliver into their encrypted log group. */
export const TRANSIT_2_FLOWS = claimFlows('TRANSIT-2', {
  required: [
    {
      id: 'flow-logs-deliver',
      description: 'The VPC flow log role creates streams in the flow log group and writes records',
      principal: { role: 'flow-log-role' },
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resource: { resource: { role: 'flow-log-group' }, part: 'logStreams' },
    },
    {
      id: 'flow-log-group-encrypted-by-logs',
      description: "CloudWatch Logs encrypts the flow log group's records with its key",
      principal: { service: 'logs.{region}.amazonaws.com' },
      actions: LOGS_KEY_ACTIONS,
      resource: { keyOf: { role: 'flow-log-group' } },
      context: LOGS_ENCRYPTION_CONTEXT,
    },
  ],
});
