import { claimFlows } from './flow-requirement';
import { DIRECT_KEY_USE_ACTIONS } from './shared';

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
  forbidden: [
    {
      id: 'alert-topic-not-published-to-by-other-accounts',
      description: 'No principal of another account publishes to the alert topic (a forged alert to customers)',
      principal: { principalClass: 'other-account' },
      actions: ['sns:Publish'],
      resource: { resource: { role: 'alert-topic' } },
    },
    {
      id: 'alert-topic-not-published-to-for-other-accounts',
      description:
        "EventBridge publishes to the alert topic only for this account's rules, never for another account's",
      principal: { principalClass: 'service-on-behalf-of-other-account', service: 'events.amazonaws.com' },
      actions: ['sns:Publish'],
      resource: { resource: { role: 'alert-topic' } },
    },
    {
      id: 'alert-topic-key-not-used-by-other-accounts',
      description: "No principal of another account uses the alert topic's key",
      principal: { principalClass: 'other-account' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'alert-topic' } },
    },
  ],
});
