import { Stack } from 'aws-cdk-lib';
import { declarePlatformRole } from '../core/platform-roles';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { SecureNetwork } from '../network/secure-network';
import { PlatformStackProps } from './platform-stack-props';

/** The firewalled 3-AZ network (TRANSIT-2, HA-1). */
export class NetworkStack extends Stack {
  readonly network: SecureNetwork;
  readonly vpc: ec2.IVpc;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.zones = [...config.primaryRegion.availabilityZones];
    this.network = new SecureNetwork(this, 'Network', {
      availabilityZones: config.primaryRegion.availabilityZones,
      natGateways: config.optOuts.natGateways,
    });
    this.vpc = this.network.vpc;
    // The roles core's requirements select these resources by (never by construct id).
    declarePlatformRole(this.network.vpc, 'vpc');
    declarePlatformRole(this.network.flowLogGroup, 'flow-log-group');
    declarePlatformRole(this.network.node.findChild('FlowLogRole'), 'flow-log-role');
  }

  /** The configured zones: with an explicit account, the default would look them up through AWS at synth. */
  get availabilityZones(): string[] {
    return this.zones;
  }
}
