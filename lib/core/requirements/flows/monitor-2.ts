import { claimFlows } from './flow-requirement';
import { ECR_PULL_ACTIONS } from './shared';

const EVERY_TASK_DEFINITION = { type: 'AWS::ECS::TaskDefinition' } as const;

/** MONITOR-2: alarms publish to the encrypted alert topic; GuardDuty's runtime agent reaches every Fargate task. */
export const MONITOR_2_FLOWS = claimFlows('MONITOR-2', {
  required: [
    {
      id: 'alarms-publish-alerts',
      description: 'CloudWatch alarms of this account publish to the alert topic',
      principal: { service: 'cloudwatch.amazonaws.com' },
      actions: ['sns:Publish'],
      resource: { resource: { role: 'alert-topic' } },
      context: {
        'aws:SourceAccount': '{account}',
        'aws:SourceArn': 'arn:{partition}:cloudwatch:{region}:{account}:alarm:flow-proof',
      },
    },
    {
      id: 'alarms-use-alert-topic-key',
      description: "CloudWatch alarms use the alert topic's key to publish to the encrypted topic",
      principal: { service: 'cloudwatch.amazonaws.com' },
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resource: { keyOf: { role: 'alert-topic' } },
      // The key policy admits CloudWatch only for this account's alarms (confused deputy).
      context: {
        'aws:SourceAccount': '{account}',
        'aws:SourceArn': 'arn:{partition}:cloudwatch:{region}:{account}:alarm:flow-proof',
      },
    },
    {
      id: 'fargate-tasks-get-registry-token-for-guardduty-agent',
      description:
        "Every Fargate task's execution role gets an ECR authorization token to pull GuardDuty's runtime agent",
      principal: { executionRolesOf: EVERY_TASK_DEFINITION },
      actions: ['ecr:GetAuthorizationToken'],
      resource: { arn: '*' },
      region: 'primary',
    },
    {
      id: 'fargate-tasks-pull-guardduty-agent',
      description:
        "Every Fargate task's execution role pulls GuardDuty's runtime agent image (the sidecar GuardDuty adds at task start) from GuardDuty's repository",
      principal: { executionRolesOf: EVERY_TASK_DEFINITION },
      actions: ECR_PULL_ACTIONS,
      resource: {
        arn: 'arn:{partition}:ecr:{region}:{guardDutyAgentAccount}:repository/aws-guardduty-agent-fargate',
      },
      region: 'primary',
      identitySideOnly: true,
    },
  ],
});
