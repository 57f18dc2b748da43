import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { PlatformStackProps } from './platform-stack-props';

/** The firewalled 3-AZ network (TRANSIT-2, HA-1). */
export class NetworkStack extends Stack {
  readonly vpc: ec2.IVpc;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    // Placeholder until SecureNetwork (issue 3): zones from config, never a lookup.
    this.vpc = new ec2.Vpc(this, 'Vpc', { availabilityZones: [...props.config.primaryRegion.availabilityZones] });
  }
}
