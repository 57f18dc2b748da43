import type { VpcEndpointProps } from '../../template/cfn/ec2';
import { stageModels } from '../../template/stage-model';
import { Check, fail, pass } from '../check';

/**
 * DATA-4: every VPC of the primary region has an S3 gateway endpoint, so the service reaches the upload bucket
 * privately, without NAT (no bandwidth bottleneck, no single NAT in the path).
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
      return model.ofType('AWS::EC2::VPC').map((vpc) => {
        const endpoint = endpoints.find((e) => model.resolve(e, e.props.VpcId) === vpc);
        return endpoint
          ? pass(`VPC ${vpc.logicalId}: S3 gateway endpoint ${endpoint.logicalId}`, vpc.ref)
          : fail(`VPC ${vpc.logicalId}: no S3 gateway endpoint; uploads would leave through NAT`, vpc.ref);
      });
    });
    return results.length ? results : [fail('no VPC in the assembly to judge')];
  },
};
