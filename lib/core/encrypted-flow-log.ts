import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { confinedServicePrincipal } from './grants/service-trust';
import { ManagedPolicyRole } from './managed-policy-role';

export interface EncryptedFlowLog {
  readonly logGroup: logs.LogGroup;
  readonly role: ManagedPolicyRole;
}

/**
 * Flow logs of all traffic (accepted and rejected, one-minute aggregation) of `vpc`, to a log group retained on
 * delete and encrypted with `key`, written by a role only this account's flow logs can assume (TRANSIT-2). Creates
 * `FlowLogGroup` and `FlowLogRole` under `scope` and the flow log `FlowLog` under the VPC: these ids are the
 * logical ids of deployed log groups, so keep them. `key` must let CloudWatch Logs use it (allowLogsToUseKey).
 */
export function addEncryptedFlowLog(
  scope: Construct,
  vpc: ec2.Vpc,
  key: kms.IKey,
  retention: logs.RetentionDays,
): EncryptedFlowLog {
  const stack = Stack.of(scope);
  const logGroup = new logs.LogGroup(scope, 'FlowLogGroup', {
    encryptionKey: key,
    retention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new ManagedPolicyRole(scope, 'FlowLogRole', {
    // Only for this account's flow logs (confused deputy).
    assumedBy: confinedServicePrincipal(
      'vpc-flow-logs.amazonaws.com',
      scope,
      `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:vpc-flow-log/*`,
    ),
    description: 'Lets VPC Flow Logs write to the flow log group',
  });
  vpc.addFlowLog('FlowLog', {
    trafficType: ec2.FlowLogTrafficType.ALL,
    destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup, role),
    maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
  });
  return { logGroup, role };
}
