import type { ClaimId } from '../../claims/claim';

/**
 * The network paths each claim relies on (required) or rules out (forbidden): a packet from a source to a
 * destination, evaluated hop by hop as a VPC evaluates it (subnet, route table by longest prefix, NAT gateway of which
 * zone, gateway and interface endpoints, security groups and network ACLs both ways, public IPs). Data only: the
 * network path kind of lib/compliance/paths/network reads this table, and its mutation tests are generated from it.
 * Sources and destinations are selected by the roles constructs declare (core/platform-roles.ts).
 */

/** Where a packet starts. A placed role stands where AWS reads its placement (subnets and security groups). */
export type NetworkSource =
  /** Any host outside the VPC. */
  | { readonly kind: 'internet' }
  /** The load balancer's nodes (its Subnets and SecurityGroups). */
  | { readonly kind: 'load-balancer' }
  /** The service's tasks (NetworkConfiguration.AwsvpcConfiguration of the ECS service). */
  | { readonly kind: 'service' }
  /** The dump task the schedule starts (Target.EcsParameters.NetworkConfiguration of the schedule). */
  | { readonly kind: 'dump-task' }
  /** The bootstrap function (its VpcConfig). */
  | { readonly kind: 'bootstrap-function' }
  /** The database's subnets (its DB subnet group) with its VpcSecurityGroupIds. */
  | { readonly kind: 'database' };

/** AWS APIs a task reaches, by the endpoint service suffix (`com.amazonaws.<region>.<suffix>`). */
export type AwsServiceEndpoint = 's3' | 'secretsmanager' | 'kms' | 'ecr.api' | 'ecr.dkr' | 'logs';

/** Where a packet goes. */
export type NetworkDestination =
  /** A listener port of the load balancer. */
  | { readonly kind: 'load-balancer'; readonly port: number }
  /** The service's container port (its load balancer mapping, ContainerPort). */
  | { readonly kind: 'service-port' }
  /** The database cluster's Port. */
  | { readonly kind: 'database-port' }
  /**
   * An AWS API: `gateway` needs the packet to take the gateway endpoint's prefix-list route; `interface` needs the
   * service's interface endpoint with private DNS, reached inside the VPC.
   */
  | { readonly kind: 'aws-service'; readonly service: AwsServiceEndpoint; readonly via: 'gateway' | 'interface' }
  /**
   * Any internet host on a port (`any`: every protocol and port). `ownZoneNat` needs the packet to leave through the
   * NAT gateway of the source's own zone (HA-1), unless `optOuts.natGateways` says fewer NAT gateways are deployed.
   */
  | { readonly kind: 'internet'; readonly port: number | 'any'; readonly ownZoneNat?: boolean };

export interface NetworkPathRequirement {
  /** Unique, kebab-case; named in results and in the evidence. */
  readonly id: string;
  readonly claim: ClaimId;
  readonly expectation: 'required' | 'forbidden';
  readonly description: string;
  readonly source: NetworkSource;
  readonly destination: NetworkDestination;
}

const INTERFACE_SERVICES: readonly AwsServiceEndpoint[] = ['secretsmanager', 'kms', 'ecr.api', 'ecr.dkr', 'logs'];

function interfaceEndpointPaths(
  source: 'service' | 'dump-task',
  claim: ClaimId,
  who: string,
): NetworkPathRequirement[] {
  return INTERFACE_SERVICES.map((service) => ({
    id: `${source}-to-${service.replace('.', '-')}-endpoint`,
    claim,
    expectation: 'required',
    description: `${who} reach ${service} over HTTPS through its interface endpoint (private DNS), inside the VPC`,
    source: { kind: source },
    destination: { kind: 'aws-service', service, via: 'interface' },
  }));
}

/** Every network path of the platform, per claim. Paths of a placed source are evaluated once per zone it uses. */
export const NETWORK_PATH_REQUIREMENTS: readonly NetworkPathRequirement[] = [
  // TRANSIT-2: the firewall and the private network.
  {
    id: 'internet-to-load-balancer-https',
    claim: 'TRANSIT-2',
    expectation: 'required',
    description: 'the internet reaches the load balancer on 443 in every zone',
    source: { kind: 'internet' },
    destination: { kind: 'load-balancer', port: 443 },
  },
  {
    id: 'internet-to-load-balancer-http',
    claim: 'TRANSIT-2',
    expectation: 'required',
    description: 'the internet reaches the load balancer on 80 (for the redirect to HTTPS) in every zone',
    source: { kind: 'internet' },
    destination: { kind: 'load-balancer', port: 80 },
  },
  {
    id: 'internet-to-service-port',
    claim: 'TRANSIT-2',
    expectation: 'forbidden',
    description: 'no internet host reaches a service task directly',
    source: { kind: 'internet' },
    destination: { kind: 'service-port' },
  },
  {
    id: 'internet-to-database-port',
    claim: 'TRANSIT-2',
    expectation: 'forbidden',
    description: 'no internet host reaches the database',
    source: { kind: 'internet' },
    destination: { kind: 'database-port' },
  },
  {
    id: 'database-to-internet',
    claim: 'TRANSIT-2',
    expectation: 'forbidden',
    description: "nothing in the database's subnets reaches the internet, on any protocol or port",
    source: { kind: 'database' },
    destination: { kind: 'internet', port: 'any' },
  },
  {
    id: 'load-balancer-to-database-port',
    claim: 'TRANSIT-2',
    expectation: 'forbidden',
    description: 'the load balancer does not reach the database',
    source: { kind: 'load-balancer' },
    destination: { kind: 'database-port' },
  },
  // HA-1: every tier, per zone.
  {
    id: 'load-balancer-to-service-port',
    claim: 'HA-1',
    expectation: 'required',
    description: "the load balancer reaches the service's container port in every zone",
    source: { kind: 'load-balancer' },
    destination: { kind: 'service-port' },
  },
  {
    id: 'service-to-database-port',
    claim: 'HA-1',
    expectation: 'required',
    description: 'the service tasks reach the database port from every zone',
    source: { kind: 'service' },
    destination: { kind: 'database-port' },
  },
  {
    id: 'service-to-internet-https-own-zone-nat',
    claim: 'HA-1',
    expectation: 'required',
    description: 'the service tasks reach internet hosts on 443 from every zone through the NAT gateway of their zone',
    source: { kind: 'service' },
    destination: { kind: 'internet', port: 443, ownZoneNat: true },
  },
  ...interfaceEndpointPaths('service', 'HA-1', 'the service tasks'),
  // DATA-4: S3 through the gateway endpoint, never the NAT.
  {
    id: 'service-to-s3-gateway-endpoint',
    claim: 'DATA-4',
    expectation: 'required',
    description: "the service tasks reach S3 through the gateway endpoint's route, from every zone",
    source: { kind: 'service' },
    destination: { kind: 'aws-service', service: 's3', via: 'gateway' },
  },
  // BILLING-1: egress limited to HTTPS.
  {
    id: 'service-to-internet-http',
    claim: 'BILLING-1',
    expectation: 'forbidden',
    description: 'the service tasks do not reach internet hosts on 80 (egress is HTTPS only)',
    source: { kind: 'service' },
    destination: { kind: 'internet', port: 80 },
  },
  // REST-3: the dump reaches the database and its bucket.
  {
    id: 'dump-to-database-port',
    claim: 'REST-3',
    expectation: 'required',
    description: 'the dump task reaches the database port from every zone it may run in',
    source: { kind: 'dump-task' },
    destination: { kind: 'database-port' },
  },
  {
    id: 'dump-to-s3-gateway-endpoint',
    claim: 'REST-3',
    expectation: 'required',
    description: "the dump task reaches S3 through the gateway endpoint's route",
    source: { kind: 'dump-task' },
    destination: { kind: 'aws-service', service: 's3', via: 'gateway' },
  },
  ...interfaceEndpointPaths('dump-task', 'REST-3', 'the dump task'),
  // MONITOR-1: the bootstrap creates the database roles and reads the master secret.
  {
    id: 'bootstrap-to-database-port',
    claim: 'MONITOR-1',
    expectation: 'required',
    description: 'the bootstrap function reaches the database port from every zone it may run in',
    source: { kind: 'bootstrap-function' },
    destination: { kind: 'database-port' },
  },
  {
    id: 'bootstrap-to-secretsmanager-endpoint',
    claim: 'MONITOR-1',
    expectation: 'required',
    description: 'the bootstrap function reaches Secrets Manager through its interface endpoint',
    source: { kind: 'bootstrap-function' },
    destination: { kind: 'aws-service', service: 'secretsmanager', via: 'interface' },
  },
];
