import type { CfnTag } from './common';

/** Typed views of AWS::EC2::* properties. */

export interface VpcProps {
  readonly CidrBlock?: unknown;
  readonly Tags?: readonly CfnTag[];
}

export interface SubnetProps {
  readonly VpcId?: unknown;
  readonly AvailabilityZone?: unknown;
  readonly CidrBlock?: unknown;
  readonly MapPublicIpOnLaunch?: unknown;
  readonly Tags?: readonly CfnTag[];
}

export interface SubnetRouteTableAssociationProps {
  readonly SubnetId?: unknown;
  readonly RouteTableId?: unknown;
}

export interface RouteProps {
  readonly RouteTableId?: unknown;
  readonly DestinationCidrBlock?: unknown;
  readonly DestinationIpv6CidrBlock?: unknown;
  readonly GatewayId?: unknown;
  readonly NatGatewayId?: unknown;
  readonly EgressOnlyInternetGatewayId?: unknown;
  readonly TransitGatewayId?: unknown;
  readonly VpcEndpointId?: unknown;
}

export interface NatGatewayProps {
  readonly SubnetId?: unknown;
  readonly AllocationId?: unknown;
  readonly ConnectivityType?: unknown;
}

/** One rule of a security group, inline or stand-alone (`AWS::EC2::SecurityGroupIngress` / `Egress`). */
export interface SecurityGroupRule {
  readonly IpProtocol?: unknown;
  readonly FromPort?: unknown;
  readonly ToPort?: unknown;
  readonly CidrIp?: unknown;
  readonly CidrIpv6?: unknown;
  readonly SourceSecurityGroupId?: unknown;
  readonly SourcePrefixListId?: unknown;
  readonly DestinationSecurityGroupId?: unknown;
  readonly DestinationPrefixListId?: unknown;
  readonly Description?: unknown;
}

export interface SecurityGroupProps {
  readonly GroupDescription?: unknown;
  readonly VpcId?: unknown;
  readonly SecurityGroupIngress?: readonly SecurityGroupRule[];
  readonly SecurityGroupEgress?: readonly SecurityGroupRule[];
}

/** `AWS::EC2::SecurityGroupIngress` and `AWS::EC2::SecurityGroupEgress`: a rule and the group it belongs to. */
export interface SecurityGroupRuleProps extends SecurityGroupRule {
  readonly GroupId?: unknown;
}

export interface FlowLogProps {
  readonly ResourceType?: unknown;
  readonly ResourceId?: unknown;
  readonly TrafficType?: unknown;
  readonly LogDestinationType?: unknown;
  readonly LogDestination?: unknown;
  readonly LogGroupName?: unknown;
}

export interface VpcEndpointProps {
  readonly VpcId?: unknown;
  readonly ServiceName?: unknown;
  /** Absent means `Gateway`. */
  readonly VpcEndpointType?: unknown;
}
