import { claimFlows } from './flow-requirement';
import { LOG_STREAM_ACTIONS } from './shared';

/** HA-1: the service tasks start and log. */
export const HA_1_FLOWS = claimFlows('HA-1', {
  required: [
    {
      id: 'service-task-writes-log',
      description: "The service execution role creates the tasks' log streams and writes to them",
      principal: { role: 'service-execution-role' },
      actions: LOG_STREAM_ACTIONS,
      resource: { resource: { role: 'service-log-group' }, part: 'logStreams' },
    },
  ],
});
