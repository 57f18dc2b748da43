import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

/** Where a restore test places a restored cluster (its `dbsubnetgroupname` and `vpcsecuritygroupids` overrides). */
export interface RestoredDatabasePlacement {
  /** Subnet group of the VPC's isolated subnets. */
  readonly subnetGroup: rds.SubnetGroup;
  /** Security group of restored clusters, without egress; ingress only as the caller adds it. */
  readonly securityGroup: ec2.SecurityGroup;
}

/**
 * A subnet group of `vpc`'s isolated subnets and a security group without egress, for clusters that restore tests
 * restore: without them AWS Backup infers the default VPC and its default security group. Created under `scope` as
 * `RestoredDatabaseSubnets` and `RestoredDatabaseSecurityGroup` (a security group's description cannot change without
 * replacing it, so callers pass theirs).
 */
export function restoredDatabasePlacement(
  scope: Construct,
  vpc: ec2.IVpc,
  securityGroupDescription: string,
): RestoredDatabasePlacement {
  const subnetGroup = new rds.SubnetGroup(scope, 'RestoredDatabaseSubnets', {
    vpc,
    description: 'Isolated subnets that AWS Backup restore tests place restored clusters in',
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    // Holds nothing: restored clusters are deleted after each validation window.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const securityGroup = new ec2.SecurityGroup(scope, 'RestoredDatabaseSecurityGroup', {
    vpc,
    description: securityGroupDescription,
    allowAllOutbound: false,
  });
  return { subnetGroup, securityGroup };
}
