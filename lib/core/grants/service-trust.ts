import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * The service principal of a role's trust policy, confined to requests the service makes for this account's own
 * resources (`aws:SourceAccount`) and, given a pattern, for those resources only (`aws:SourceArn`): no other account
 * can have the service use the role on its behalf (the cross-service confused deputy,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html). Use it only for services that document
 * these keys on the role's AssumeRole (SERVICE_TRUST_SOURCE_KEYS): a condition on a key the service does not send
 * fails every AssumeRole, and the service stops working.
 */
export function confinedServicePrincipal(
  service: keyof typeof SERVICE_TRUST_SOURCE_KEYS,
  scope: IConstruct,
  sourceArnPattern?: string,
): iam.ServicePrincipal {
  const account = Stack.of(scope).account;
  return new iam.ServicePrincipal(service, {
    conditions: {
      StringEquals: { 'aws:SourceAccount': account },
      ...(sourceArnPattern === undefined ? {} : { ArnLike: { 'aws:SourceArn': sourceArnPattern } }),
    },
  });
}

/**
 * Services whose role trust the platform confines, with what AWS documents each sends on AssumeRole. Services absent
 * here keep an unconditioned trust on purpose (UNCONFINED_SERVICE_TRUSTS says why).
 */
export const SERVICE_TRUST_SOURCE_KEYS = {
  'events.amazonaws.com': 'aws:SourceAccount, aws:SourceArn (the rule)',
  'scheduler.amazonaws.com': 'aws:SourceAccount, aws:SourceArn (the schedule group)',
  'config.amazonaws.com': 'aws:SourceAccount',
  'vpc-flow-logs.amazonaws.com': 'aws:SourceAccount, aws:SourceArn (the flow log)',
  'monitoring.rds.amazonaws.com': 'aws:SourceAccount, aws:SourceArn (the DB instance)',
  'ecs-tasks.amazonaws.com': 'aws:SourceAccount, aws:SourceArn (an ECS resource of the account), for task roles',
  's3.amazonaws.com': 'aws:SourceAccount, aws:SourceArn (the source bucket), for replication roles',
} as const;

/**
 * Service roles whose trust stays unconditioned, and why. Each is assumable only by a service to which a principal of
 * this account passed it (iam:PassRole), so no other account can name it.
 */
export const UNCONFINED_SERVICE_TRUSTS: Readonly<Record<string, string>> = {
  'lambda.amazonaws.com':
    "Lambda's execution-role documentation names no source keys on AssumeRole; a condition Lambda does not meet would stop the function",
  'ecs-tasks.amazonaws.com (execution roles)':
    'ECS documents the source keys for task roles; for execution roles it does not, and a failed AssumeRole stops every task from starting',
  'cloudtrail.amazonaws.com (log delivery role)':
    'CloudTrail documents the source keys for its bucket and key policies, not for the CloudWatch Logs delivery role, whose AssumeRole has been reported to fail with them',
  'backup.amazonaws.com':
    "AWS Backup documents the source keys for resource policies (vault notifications, keys), not for the backup role's trust",
};
