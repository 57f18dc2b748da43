import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { PlatformConstructError } from '../errors';
import { GUARDDUTY_FARGATE_AGENT_ACCOUNTS, GUARDDUTY_FARGATE_AGENT_REPOSITORY } from '../requirements/guardduty-agent';

/**
 * Lets a Fargate task's execution role pull GuardDuty's Runtime Monitoring agent (MONITOR-2): with GuardDuty managing
 * the agent, ECS adds it as a sidecar at task start and pulls it with the execution role, from GuardDuty's repository
 * of the task's region; a role scoped to its own image cannot. `ecr:GetAuthorizationToken` has no resource type, so
 * it is granted on `*`.
 */
export function grantGuardDutyAgentPull(scope: IConstruct, executionRole: iam.IGrantable): void {
  const stack = Stack.of(scope);
  const account = Token.isUnresolved(stack.region) ? undefined : GUARDDUTY_FARGATE_AGENT_ACCOUNTS[stack.region];
  if (!account) {
    throw new PlatformConstructError({
      code: 'GuardDutyAgent.region',
      scope,
      setting: 'region',
      value: stack.region,
      problem: "GuardDuty's Fargate agent repository is not known for this region",
      fix: "deploy to a region listed in GUARDDUTY_FARGATE_AGENT_ACCOUNTS (lib/core/requirements/guardduty-agent.ts), or add the region's account from https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html",
    });
  }
  executionRole.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: [
        `arn:${stack.partition}:ecr:${stack.region}:${account}:repository/${GUARDDUTY_FARGATE_AGENT_REPOSITORY}`,
      ],
    }),
  );
  executionRole.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
  );
}
