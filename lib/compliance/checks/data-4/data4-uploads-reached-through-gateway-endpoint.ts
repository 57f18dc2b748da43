import { Check, CheckResult, fail, pass } from '../check';
import { PlatformAssembly, toRef } from '../../template/platform-assembly';
import { flatten, platformEnvironments, prop, refersTo, resourcesIn } from '../private/cfn';

/**
 * DATA-4: every VPC of the primary region has an S3 gateway endpoint, so the service reaches the upload bucket
 * privately, without NAT (no bandwidth bottleneck, no single NAT in the path).
 */
export const uploadsReachedPrivately: Check = {
  id: 'DATA4-UploadsReachedThroughGatewayEndpoint',
  claims: ['DATA-4'],
  description: 'every VPC has an S3 gateway endpoint, so uploads never pass a NAT gateway',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const results = platformEnvironments(assembly).flatMap((env) => {
      const endpoints = resourcesIn(env.stacks, 'AWS::EC2::VPCEndpoint').filter(
        (e) =>
          (prop(e, 'VpcEndpointType') ?? 'Gateway') === 'Gateway' &&
          /\.s3$/.test(flatten(prop(e, 'ServiceName'), e.stack) ?? ''),
      );
      return resourcesIn(env.stacks, 'AWS::EC2::VPC').map((vpc) => {
        const endpoint = endpoints.find((e) => e.stack === vpc.stack && refersTo(prop(e, 'VpcId'), vpc.logicalId));
        return endpoint
          ? pass(`VPC ${vpc.logicalId}: S3 gateway endpoint ${endpoint.logicalId}`, toRef(vpc))
          : fail(`VPC ${vpc.logicalId}: no S3 gateway endpoint; uploads would leave through NAT`, toRef(vpc));
      });
    });
    return results.length ? results : [fail('no VPC in the assembly to judge')];
  },
};
