import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { PlatformStackProps } from './platform-stack-props';

/** Props of a stack that places resources in the platform's VPC. */
export interface VpcStackProps extends PlatformStackProps {
  readonly vpc: ec2.IVpc;
}
