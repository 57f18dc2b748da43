import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, refersToResource as refersTo, resourcesOfType } from '../cfn-resource-values';

/** TRANSIT-2: every VPC has a flow log recording ALL traffic (accepted and rejected). */
export const vpcFlowLogsAllTraffic: ClaimRule = {
  id: 'TRANSIT2-VpcFlowLogsAllTraffic',
  claims: ['TRANSIT-2'],
  info: 'A VPC has no flow log of all traffic.',
  explanation: 'TRANSIT-2: what crosses the firewalled network is recorded, accepted and rejected alike.',
  evidenceProperties: ['CidrBlock'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::EC2::VPC') return NagRuleCompliance.NOT_APPLICABLE;
    const logged = resourcesOfType(node, 'AWS::EC2::FlowLog')
      .map(cfnProperties)
      .some((p) => p.ResourceType === 'VPC' && p.TrafficType === 'ALL' && refersTo(p.ResourceId, node));
    return logged ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
