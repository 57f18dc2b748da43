import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../core/acknowledge';
import { allowLogsToUseKey } from '../core/grants/grant-logs-key-use';
import { addEncryptedFlowLog } from '../core/encrypted-flow-log';
import { PlatformConstructError } from '../core/errors';
import { requireYearLongRetention } from '../core/log-retention';
import { declareRestrictDefaultSgLogGroup } from '../core/service-created-log-groups';

/** Subnet group names; DataStack selects the isolated tier by `SubnetType.PRIVATE_ISOLATED`. */
export const SUBNET_GROUP_NAMES = { public: 'Public', private: 'Private', isolated: 'Isolated' } as const;

/** The AWS APIs the platform calls from inside the VPC, reached privately through interface endpoints. */
export const DEFAULT_INTERFACE_ENDPOINTS: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>> = {
  Kms: ec2.InterfaceVpcEndpointAwsService.KMS,
  SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  Ecr: ec2.InterfaceVpcEndpointAwsService.ECR,
  EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
  Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  Sts: ec2.InterfaceVpcEndpointAwsService.STS,
};

export interface SecureNetworkProps {
  /** Exactly the three availability zones the network spans (from config; never looked up). */
  readonly availabilityZones: readonly string[];
  /** IPv4 range of the VPC. @default '10.0.0.0/16' */
  readonly cidr?: string;
  /**
   * NAT gateways. Fewer than one per zone weakens HA-1 (losing the zone of a NAT gateway cuts egress for the
   * others); the evidence lists it as `optOuts.natGateways`.
   * @default - one per availability zone
   */
  readonly natGateways?: number;
  /** Days the flow logs are kept; at least 365. @default logs.RetentionDays.TWO_YEARS */
  readonly flowLogRetention?: logs.RetentionDays;
  /** Customer managed key that encrypts the flow log group. @default - a new key with rotation on */
  readonly flowLogKey?: kms.IKey;
  /**
   * Interface endpoints (private DNS) by construct id. @default DEFAULT_INTERFACE_ENDPOINTS (KMS, Secrets Manager,
   * ECR API and Docker, CloudWatch Logs, STS)
   */
  readonly interfaceEndpoints?: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>>;
}

/**
 * A firewalled three-zone VPC (TRANSIT-2, HA-1): public subnets for the load balancer and NAT gateways only (no
 * auto-assigned public IPs), private subnets with egress for services, isolated subnets without any route to the
 * internet for the database; one NAT gateway per zone; flow logs of all traffic to a KMS-encrypted log group;
 * the default security group closed; a network ACL keeping the isolated tier VPC-internal; an S3 gateway endpoint
 * and interface endpoints for the AWS APIs the platform calls.
 */
export class SecureNetwork extends Construct {
  readonly vpc: ec2.Vpc;
  readonly flowLogGroup: logs.LogGroup;
  readonly flowLogKey: kms.IKey;
  /** The security group of the interface endpoints: 443 from the VPC only. */
  readonly endpointSecurityGroup: ec2.SecurityGroup;
  readonly natGateways: number;

  constructor(scope: Construct, id: string, props: SecureNetworkProps) {
    super(scope, id);
    const zones = [...props.availabilityZones];
    if (zones.length !== 3 || new Set(zones).size !== 3) {
      throw new PlatformConstructError({
        code: 'SecureNetwork.availabilityZones',
        scope: this,
        setting: 'availabilityZones',
        value: zones,
        problem: 'the network spans exactly three distinct zones (HA-1)',
        fix: 'pass the three zones of the region from config.primaryRegion.availabilityZones',
      });
    }
    const natGateways = props.natGateways ?? zones.length;
    if (!Number.isInteger(natGateways) || natGateways < 1 || natGateways > zones.length) {
      throw new PlatformConstructError({
        code: 'SecureNetwork.natGateways',
        scope: this,
        setting: 'natGateways',
        value: natGateways,
        problem: `must be a whole number from 1 to ${zones.length}`,
        fix: 'leave it unset for one NAT gateway per zone (HA-1), or give 1-3 and accept a weakened HA-1',
      });
    }
    const retention = props.flowLogRetention ?? logs.RetentionDays.TWO_YEARS;
    requireYearLongRetention(this, retention, {
      code: 'SecureNetwork.flowLogRetention',
      setting: 'flowLogRetention',
      why: 'flow logs are kept at least 365 days (TRANSIT-2)',
    });
    this.natGateways = natGateways;
    const cidr = props.cidr ?? '10.0.0.0/16';

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      availabilityZones: zones,
      natGateways,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        {
          name: SUBNET_GROUP_NAMES.public,
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: 24,
          mapPublicIpOnLaunch: false,
        },
        { name: SUBNET_GROUP_NAMES.private, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: SUBNET_GROUP_NAMES.isolated, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    for (const subnet of this.vpc.publicSubnets) {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (route) {
        acknowledgeFinding(route, {
          rule: 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
          claim: 'TRANSIT-2',
          reason:
            'Only the public tier routes 0.0.0.0/0 to the internet gateway; it holds the internet-facing load balancer and the NAT gateways alone, with public IP auto-assignment off. Service and database tiers have no internet gateway route.',
        });
        for (const pack of ['HIPAA.Security', 'PCI.DSS.321']) {
          acknowledgeFinding(route, {
            rule: `${pack}-VPCNoUnrestrictedRouteToIGW`,
            claim: 'TRANSIT-2',
            reason:
              'Only the public tier routes 0.0.0.0/0 to the internet gateway; it holds the internet-facing load balancer and the NAT gateways alone, with public IP auto-assignment off.',
          });
        }
      }
    }

    this.flowLogKey =
      props.flowLogKey ??
      new kms.Key(this, 'FlowLogKey', {
        description: 'Encrypts the VPC flow log group',
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    // Only for log groups of this account and region, as every platform log key (CloudWatch Logs names the group).
    allowLogsToUseKey(this.flowLogKey);
    this.flowLogGroup = addEncryptedFlowLog(this, this.vpc, this.flowLogKey, retention).logGroup;

    declareRestrictDefaultSgLogGroup(this, 'RestrictDefaultSgLogs', this.flowLogKey, retention);
    this.closeIsolatedTier(cidr);

    this.vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface endpoints: HTTPS from inside the VPC only',
      allowAllOutbound: false,
    });
    this.endpointSecurityGroup.addIngressRule(
      // The literal range, not the VPC's CidrBlock token, so every check can read it.
      ec2.Peer.ipv4(cidr),
      ec2.Port.tcp(443),
      'HTTPS to AWS APIs from inside the VPC',
    );
    for (const [endpointId, service] of Object.entries(props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS)) {
      this.vpc.addInterfaceEndpoint(endpointId, {
        service,
        privateDnsEnabled: true,
        open: false,
        securityGroups: [this.endpointSecurityGroup],
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      });
    }
  }

  /** The isolated tier talks to the VPC only: a network ACL allowing VPC-internal traffic, nothing else. */
  private closeIsolatedTier(vpcCidr: string): void {
    const acl = new ec2.NetworkAcl(this, 'IsolatedAcl', {
      vpc: this.vpc,
      subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    const cidr = ec2.AclCidr.ipv4(vpcCidr);
    acl.addEntry('IngressFromVpc', {
      ruleNumber: 100,
      cidr,
      traffic: ec2.AclTraffic.allTraffic(),
      direction: ec2.TrafficDirection.INGRESS,
    });
    acl.addEntry('EgressToVpc', {
      ruleNumber: 100,
      cidr,
      traffic: ec2.AclTraffic.allTraffic(),
      direction: ec2.TrafficDirection.EGRESS,
    });
    acknowledgeFinding(acl, {
      rule: 'AwsSolutions-VPC3',
      claim: 'TRANSIT-2',
      reason:
        'The network ACL is deliberate defence in depth for the database tier: it admits only VPC-internal traffic, so even a misconfigured security group cannot expose the isolated subnets to the internet.',
    });
  }
}
