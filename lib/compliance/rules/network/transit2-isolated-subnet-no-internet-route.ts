import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, refersToResource as refersTo, resourcesOfType } from '../cfn-resource-values';
import { asArray } from '../../assembly/template-values';

/** The tag CDK puts on every subnet it creates, naming its tier. */
export const SUBNET_TYPE_TAG = 'aws-cdk:subnet-type';

/**
 * TRANSIT-2: a subnet of the isolated (database) tier has no route to an internet gateway, NAT gateway, egress-only
 * gateway or transit gateway: nothing in it can reach, or be reached from, the internet.
 */
export const isolatedSubnetNoInternetRoute: ClaimRule = {
  id: 'TRANSIT2-IsolatedSubnetNoInternetRoute',
  claims: ['TRANSIT-2'],
  info: 'A subnet of the isolated tier has a route to an internet, NAT, egress-only or transit gateway.',
  explanation: 'TRANSIT-2: the database lives in subnets with no route to the internet in either direction.',
  evidenceProperties: ['AvailabilityZone', 'CidrBlock', 'Tags'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::EC2::Subnet') return NagRuleCompliance.NOT_APPLICABLE;
    const tags = asArray(cfnProperties(node).Tags as { Key?: string; Value?: string }[]);
    if (tags.find((t) => t.Key === SUBNET_TYPE_TAG)?.Value !== 'Isolated') return NagRuleCompliance.NOT_APPLICABLE;
    const tables = resourcesOfType(node, 'AWS::EC2::SubnetRouteTableAssociation')
      .map(cfnProperties)
      .filter((a) => refersTo(a.SubnetId, node))
      .map((a) => a.RouteTableId);
    const exits = resourcesOfType(node, 'AWS::EC2::Route')
      .map(cfnProperties)
      .filter((r) => tables.some((t) => JSON.stringify(t) === JSON.stringify(r.RouteTableId)))
      .filter((r) => r.GatewayId || r.NatGatewayId || r.EgressOnlyInternetGatewayId || r.TransitGatewayId);
    return exits.length ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
