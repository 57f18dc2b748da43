import { claimFlows } from './flow-requirement';

/** MONITOR-3: EventBridge rules publish findings and failed jobs to the encrypted alert topic. */
export const MONITOR_3_FLOWS = claimFlows('MONITOR-3', {
  required: [
    {
      id: 'rules-publish-alerts',
      description: 'EventBridge rules publish high-severity findings and failed backup jobs to the alert topic',
      principal: { service: 'events.amazonaws.com' },
      actions: ['sns:Publish'],
      resource: { resource: { role: 'alert-topic' } },
      // One request per rule that targets the topic: the topic policy must admit each of them.
      context: {
        'aws:SourceAccount': '{account}',
        'aws:SourceArn': { arnOfEventRulesTargeting: { role: 'alert-topic' } },
      },
    },
    {
      id: 'rules-use-alert-topic-key',
      description: "EventBridge uses the alert topic's key to publish to the encrypted topic",
      principal: { service: 'events.amazonaws.com' },
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resource: { keyOf: { role: 'alert-topic' } },
      context: { 'aws:SourceAccount': '{account}' },
    },
  ],
});
