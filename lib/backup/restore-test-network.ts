import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { addEncryptedFlowLog } from '../core/encrypted-flow-log';
import { PlatformConstructError } from '../core/errors';
import { requireYearLongRetention } from '../core/log-retention';
import { declareRestrictDefaultSgLogGroup } from '../core/service-created-log-groups';
import { restoredDatabasePlacement } from './private/restored-database-placement';

export interface RestoreTestNetworkProps {
  /** Availability zones of the isolated subnets, at least two (an RDS subnet group spans two); from config. */
  readonly availabilityZones: readonly string[];
  /**
   * IPv4 range of the VPC: a /22 or larger (one /24 per zone). Apart from the platform VPC's so the two never
   * overlap should anyone connect them. @default '10.255.0.0/22'
   */
  readonly cidr?: string;
  /** Customer managed key of the flow log group and the default-security-group function's log group. */
  readonly logKey: kms.IKey;
  /** Days the flow logs are kept; at least 365. @default logs.RetentionDays.TWO_YEARS */
  readonly flowLogRetention?: logs.RetentionDays;
}

/**
 * Where restore tests in a region without the platform VPC (the recovery region) place restored clusters: a VPC of
 * isolated subnets only (no internet gateway, no NAT gateway: nothing billed per hour, nothing reachable), a subnet
 * group of them, and a security group without ingress or egress (no validation function runs there; AWS Backup
 * records whether the restore completed). Flow logs of all traffic and a closed default security group, as the
 * platform VPC has (TRANSIT-2), so the stock packs judge it the same way.
 */
export class RestoreTestNetwork extends Construct {
  readonly vpc: ec2.Vpc;
  readonly subnetGroup: rds.SubnetGroup;
  /** Security group of restored clusters: no ingress, no egress. */
  readonly securityGroup: ec2.SecurityGroup;
  readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RestoreTestNetworkProps) {
    super(scope, id);
    const zones = [...props.availabilityZones];
    if (zones.length < 2 || new Set(zones).size !== zones.length) {
      throw new PlatformConstructError({
        code: 'RestoreTestNetwork.availabilityZones',
        scope: this,
        setting: 'availabilityZones',
        value: zones,
        problem: 'names fewer than two distinct zones; an RDS DB subnet group needs subnets in two',
        fix: "pass the region's zones from config (recoveryRegion.availabilityZones)",
      });
    }
    const retention = props.flowLogRetention ?? logs.RetentionDays.TWO_YEARS;
    requireYearLongRetention(this, retention, {
      code: 'RestoreTestNetwork.flowLogRetention',
      setting: 'flowLogRetention',
      why: 'flow logs are kept at least 365 days (TRANSIT-2)',
    });
    // Isolated subnets alone: ec2.Vpc then creates no internet gateway and no NAT gateway.
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? '10.255.0.0/22'),
      availabilityZones: zones,
      natGateways: 0,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    this.flowLogGroup = addEncryptedFlowLog(this, this.vpc, props.logKey, retention).logGroup;
    declareRestrictDefaultSgLogGroup(this, 'RestrictDefaultSgLogs', props.logKey, retention);
    const placement = restoredDatabasePlacement(
      this,
      this.vpc,
      'Restored clusters of restore tests in this region: no ingress, no egress (no validation runs here)',
    );
    this.subnetGroup = placement.subnetGroup;
    this.securityGroup = placement.securityGroup;
  }
}
