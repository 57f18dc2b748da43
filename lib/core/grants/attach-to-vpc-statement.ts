import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * What a Lambda function in the VPC needs to attach to it: the network-interface actions, on `*` because the
 * interfaces do not exist before Lambda creates them (see VPC_NETWORK_INTERFACES_REASON for the acknowledgment).
 */
export function attachToVpcStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AttachToVpc',
    actions: [
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
    ],
    resources: ['*'],
  });
}
