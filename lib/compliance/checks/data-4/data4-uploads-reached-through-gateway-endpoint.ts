import type { VpcEndpointProps } from '../../template/cfn/ec2';
import { stageModels } from '../../template/stage-model';
import { Check, fail, pass } from '../check';

/**
 * DATA-4: every VPC with an internet gateway has an S3 gateway endpoint, so the service reaches the upload bucket
 * privately, without NAT (no bandwidth bottleneck, no single NAT in the path). A VPC without an internet gateway
 * has no way out to pass a NAT gateway on.
 */
export const uploadsReachedPrivately: Check = {
  id: 'DATA4-UploadsReachedThroughGatewayEndpoint',
  claims: ['DATA-4'],
  description: 'every VPC has an S3 gateway endpoint, so uploads never pass a NAT gateway',
  run: (assembly) => {
    const results = stageModels(assembly).flatMap((model) => {
      const endpoints = model
        .ofType<VpcEndpointProps>('AWS::EC2::VPCEndpoint')
        .filter(
          (e) =>
            (e.props.VpcEndpointType ?? 'Gateway') === 'Gateway' &&
            /\.s3$/.test(model.text(e, e.props.ServiceName) ?? ''),
        );
      const attachments = model.ofType<{ VpcId?: unknown }>('AWS::EC2::VPCGatewayAttachment');
      return model.ofType('AWS::EC2::VPC').map((vpc) => {
        // A VPC without an internet gateway has no NAT path out (the recovery region's restore-test VPC).
        if (!attachments.some((a) => model.resolve(a, a.props.VpcId) === vpc))
          return pass(`VPC ${vpc.logicalId}: no internet gateway, so nothing in it leaves through NAT`, vpc.ref);
        const endpoint = endpoints.find((e) => model.resolve(e, e.props.VpcId) === vpc);
        return endpoint
          ? pass(`VPC ${vpc.logicalId}: S3 gateway endpoint ${endpoint.logicalId}`, vpc.ref)
          : fail(`VPC ${vpc.logicalId}: no S3 gateway endpoint; uploads would leave through NAT`, vpc.ref);
      });
    });
    return results.length ? results : [fail('no VPC in the assembly to judge')];
  },
};
