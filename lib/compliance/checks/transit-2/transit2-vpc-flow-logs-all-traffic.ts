import type { FlowLogProps, VpcProps } from '../../template/cfn/ec2';
import { modelResourceCheck } from '../check';

/** TRANSIT-2: every VPC has a flow log recording ALL traffic (accepted and rejected). */
export const vpcFlowLogsAllTraffic = modelResourceCheck<VpcProps>({
  id: 'TRANSIT2-VpcFlowLogsAllTraffic',
  claims: ['TRANSIT-2'],
  failure: 'A VPC has no flow log of all traffic.',
  description: 'TRANSIT-2: what crosses the firewalled network is recorded, accepted and rejected alike.',
  evidenceProperties: ['CidrBlock'],
  types: ['AWS::EC2::VPC'],
  judge: (vpc, model) => {
    const logged = model
      .ofType<FlowLogProps>('AWS::EC2::FlowLog')
      .some(
        (f) =>
          f.props.ResourceType === 'VPC' &&
          f.props.TrafficType === 'ALL' &&
          model.resolve(f, f.props.ResourceId) === vpc,
      );
    return logged ? true : false;
  },
});
