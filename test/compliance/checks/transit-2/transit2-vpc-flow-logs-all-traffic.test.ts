import { vpcFlowLogsAllTraffic as check } from '../../../../lib/compliance/checks/transit-2/transit2-vpc-flow-logs-all-traffic';
import { Change, edited, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const network = {
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    FlowLog: {
      Type: 'AWS::EC2::FlowLog',
      Properties: { ResourceType: 'VPC', ResourceId: ref('Vpc'), TrafficType: 'ALL' },
    },
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Network': edited(network, change) }));

describe('TRANSIT2-VpcFlowLogsAllTraffic', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Network': network }))).toEqual(['Vpc: compliant']);
    expect(check.run(modelOf({ 'prod-Network': network }))[0].properties).toEqual({ CidrBlock: '10.0.0.0/16' });
  });

  test.each<[number, string, Change]>([
    [1, 'no flow log', (r) => delete r.FlowLog],
    [2, 'rejected traffic only', (r) => (r.FlowLog.Properties.TrafficType = 'REJECT')],
    [3, 'a flow log of a subnet, not the VPC', (r) => (r.FlowLog.Properties.ResourceType = 'Subnet')],
    [4, 'a flow log of another VPC', (r) => (r.FlowLog.Properties.ResourceId = 'vpc-0123')],
  ])('Noncompliance %i: %s', (_n, _what, change) => {
    expect(judged(change)).toEqual(['Vpc: non-compliant']);
  });
});
