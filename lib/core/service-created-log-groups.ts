import { CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/*
 * Log groups AWS would create on the platform's behalf, without retention or key, when a service first writes. The
 * platform declares each first (retention, customer managed key) and points the service at it where the service
 * allows; MONITOR1-ServiceLogGroupsDeclared proves that every resource that makes AWS create one has it.
 */

/**
 * Container Insights writes its performance events to `/aws/ecs/containerinsights/<cluster>/performance` (a name AWS
 * fixes). Declared here, after the cluster (the name refers to it); callers make the tasks wait for it, so that no
 * task's metrics create it first.
 */
export function declareContainerInsightsLogGroup(
  cluster: ecs.Cluster,
  encryptionKey: kms.IKey,
  retention: logs.RetentionDays,
): logs.LogGroup {
  return new logs.LogGroup(cluster, 'ContainerInsightsLogs', {
    logGroupName: `/aws/ecs/containerinsights/${cluster.clusterName}/performance`,
    encryptionKey,
    retention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * A Lambda function without `LoggingConfig` logs to `/aws/lambda/<name>`, created by Lambda with no retention. This
 * gives `handler` (an L1 function, such as the handler of a CDK custom resource provider) a log group of its own
 * under a generated name, so that no group of an earlier deploy collides with it.
 */
export function declareFunctionLogGroup(
  scope: Construct,
  id: string,
  handler: CfnResource,
  encryptionKey: kms.IKey,
  retention: logs.RetentionDays,
): logs.LogGroup {
  if (handler.cfnResourceType !== 'AWS::Lambda::Function') {
    // library bug, not a user mistake: only the library's constructs call this, with a provider's handler
    throw new Error(
      `declareFunctionLogGroup: ${handler.node.path} is a ${handler.cfnResourceType}, not an AWS::Lambda::Function. Pass the function's L1 resource.`,
    );
  }
  const group = new logs.LogGroup(scope, id, { encryptionKey, retention, removalPolicy: RemovalPolicy.RETAIN });
  handler.addPropertyOverride('LoggingConfig.LogGroup', group.logGroupName);
  handler.addResourceDependency(group.node.defaultChild as CfnResource);
  return group;
}

/**
 * `ec2.Vpc`'s `restrictDefaultSecurityGroup` runs a CDK custom resource provider (one per stack) whose function would
 * log to a group Lambda creates without retention or key: it logs to `scope`'s `id`, under `encryptionKey`, instead.
 * Call it after the VPC is created (the provider exists from then on).
 */
export function declareRestrictDefaultSgLogGroup(
  scope: Construct,
  id: string,
  encryptionKey: kms.IKey,
  retention: logs.RetentionDays,
): logs.LogGroup {
  const provider = Stack.of(scope).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
  const handler = provider?.node.tryFindChild('Handler');
  if (!(handler instanceof CfnResource)) {
    // library bug, not a user mistake: the library must follow aws-cdk-lib's provider
    throw new Error(
      `declareRestrictDefaultSgLogGroup: the VPC's restrict-default-security-group provider was not found under ${Stack.of(scope).node.path}; aws-cdk-lib may have renamed it. Its function's log group would escape retention and encryption: update declareRestrictDefaultSgLogGroup.`,
    );
  }
  return declareFunctionLogGroup(scope, id, handler, encryptionKey, retention);
}
