import { ofTypes, resourceCheck } from '../check';
import { inStack, props, pointsAt } from '../resource-readers';

/** TRANSIT-2: every VPC has a flow log recording ALL traffic (accepted and rejected). */
export const vpcFlowLogsAllTraffic = resourceCheck({
  id: 'TRANSIT2-VpcFlowLogsAllTraffic',
  claims: ['TRANSIT-2'],
  failure: 'A VPC has no flow log of all traffic.',
  description: 'TRANSIT-2: what crosses the firewalled network is recorded, accepted and rejected alike.',
  evidenceProperties: ['CidrBlock'],
  appliesTo: ofTypes('AWS::EC2::VPC'),
  judge: (node) => {
    const logged = inStack(node, 'AWS::EC2::FlowLog')
      .map(props)
      .some((p) => p.ResourceType === 'VPC' && p.TrafficType === 'ALL' && pointsAt(p.ResourceId, node));
    return logged ? true : false;
  },
});
