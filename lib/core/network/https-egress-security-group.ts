import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** A database a workload's security group may reach, on its port only. */
export interface ReachableDatabase {
  readonly securityGroup: ec2.ISecurityGroup;
  readonly port: number;
  /** The rule's description, on both groups. */
  readonly description: string;
}

/**
 * A workload's security group (construct id `SecurityGroup` under `scope`) that sends only HTTPS, to the AWS APIs
 * through the VPC's routes, and, when a database is given, its port to that database's group (which admits it):
 * nothing else leaves, since `allowAllOutbound` is off.
 */
export function httpsEgressSecurityGroup(
  scope: Construct,
  props: {
    readonly vpc: ec2.IVpc;
    readonly description: string;
    /** What the HTTPS egress is for, as the rule describes it. */
    readonly httpsTo: string;
    readonly database?: ReachableDatabase;
  },
): ec2.SecurityGroup {
  const group = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc: props.vpc,
    description: props.description,
    allowAllOutbound: false,
  });
  group.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), props.httpsTo);
  if (props.database) {
    group.connections.allowTo(
      props.database.securityGroup,
      ec2.Port.tcp(props.database.port),
      props.database.description,
    );
  }
  return group;
}
