import type { CfnTag } from '../../template/cfn/common';
import type { SubnetProps } from '../../template/cfn/ec2';
import { asArray } from '../../template/template-values';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';
import { internetExits } from '../private/subnet-routes';

/** The tag CDK puts on every subnet it creates, naming its tier. */
const SUBNET_TYPE_TAG = 'aws-cdk:subnet-type';

/**
 * TRANSIT-2: a subnet of the isolated (database) tier has no route to an internet gateway, NAT gateway, egress-only
 * gateway or transit gateway: nothing in it can reach, or be reached from, the internet.
 */
export const isolatedSubnetNoInternetRoute = modelResourceCheck<SubnetProps>({
  id: 'TRANSIT2-IsolatedSubnetNoInternetRoute',
  claims: ['TRANSIT-2'],
  failure: 'A subnet of the isolated tier has a route to an internet, NAT, egress-only or transit gateway.',
  description: 'TRANSIT-2: the database lives in subnets with no route to the internet in either direction.',
  evidenceProperties: ['AvailabilityZone', 'CidrBlock', 'Tags'],
  types: ['AWS::EC2::Subnet'],
  judge: (subnet, model) => {
    const tags = asArray<CfnTag>(subnet.props.Tags);
    if (tags.find((t) => t.Key === SUBNET_TYPE_TAG)?.Value !== 'Isolated') return NOT_APPLICABLE;
    const exits = internetExits(model, subnet);
    return exits.length ? false : true;
  },
});
