import type { ModelResource, StageModel } from '../../template/stage-model';
import { Cidr, parseCidr } from './addresses';

/** `stack/logicalId`: the identity of a model resource in the indexes. */
export function keyOf(r: { readonly stackName: string; readonly logicalId: string }): string {
  return `${r.stackName}/${r.logicalId}`;
}

export interface SubnetInfo {
  readonly resource: ModelResource;
  readonly zone: string;
  readonly cidr?: Cidr;
}

/** A security group rule, inline (`index` into the group's list) or its own resource. */
export interface SecurityGroupRule {
  /** The group's resource for an inline rule, the AWS::EC2::SecurityGroupIngress/Egress resource otherwise. */
  readonly resource: ModelResource;
  readonly index?: number;
  readonly direction: 'ingress' | 'egress';
  readonly props: Record<string, unknown>;
  /** The group a rule names as peer (SourceSecurityGroupId / DestinationSecurityGroupId), resolved. */
  readonly peerGroup?: ModelResource;
  /** The peer named but not resolvable in the templates. */
  readonly unresolvedPeer: boolean;
}

export interface GroupRules {
  readonly group: ModelResource;
  readonly ingress: SecurityGroupRule[];
  readonly egress: SecurityGroupRule[];
}

export interface NaclInfo {
  readonly nacl: ModelResource;
  readonly entries: ModelResource[];
}

/** The relations a packet walk reads, built once per model. */
export interface NetworkIndex {
  readonly vpc: ModelResource;
  readonly vpcCidr: Cidr;
  readonly subnets: Map<string, SubnetInfo>;
  readonly routeTableAssociation: Map<string, ModelResource>;
  readonly routesOfTable: Map<string, ModelResource[]>;
  /** Gateway endpoints whose RouteTableIds list a route table, with the position in that list. */
  readonly gatewayEndpointsOfTable: Map<string, { endpoint: ModelResource; index: number }[]>;
  readonly interfaceEndpoints: Map<string, ModelResource[]>;
  /** The ACL association of a subnet, with the ACL it names (absent when not in the templates). */
  readonly naclAssociation: Map<string, { association: ModelResource; acl?: NaclInfo }>;
  readonly nacls: Map<string, NaclInfo>;
  readonly rulesOfGroup: Map<string, GroupRules>;
  readonly natGateways: ModelResource[];
  /** Internet gateways attached to the VPC, with their attachment. */
  readonly internetGatewayAttachment: Map<string, ModelResource>;
  /** RDS instances of a cluster, by the cluster's key. */
  readonly instancesOfCluster: Map<string, ModelResource[]>;
}

const PEER_PROPERTY = { ingress: 'SourceSecurityGroupId', egress: 'DestinationSecurityGroupId' } as const;

/** The network index of a model (built on first use, then kept by the model). */
export function networkIndex(model: StageModel): NetworkIndex {
  return model.index('network-paths', buildIndex);
}

function buildIndex(model: StageModel): NetworkIndex {
  const vpc = model.theOne('vpc');
  const vpcCidr = parseCidr(model.text(vpc, vpc.props.CidrBlock));
  if (!vpcCidr) throw new Error(`the VPC ${keyOf(vpc)} has no CidrBlock the templates fix`);
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
  const byKey = (map: Map<string, ModelResource>, from: ModelResource, key: string, value: ModelResource) => {
    const target = model.resolve(from, from.props[key]);
    if (target) map.set(keyOf(target), value);
  };

  const subnets = new Map<string, SubnetInfo>();
  for (const s of model.ofType('AWS::EC2::Subnet')) {
    subnets.set(keyOf(s), {
      resource: s,
      zone: model.text(s, s.props.AvailabilityZone) ?? 'unknown-zone',
      cidr: parseCidr(model.text(s, s.props.CidrBlock)),
    });
  }
  const routeTableAssociation = new Map<string, ModelResource>();
  for (const a of model.ofType('AWS::EC2::SubnetRouteTableAssociation')) byKey(routeTableAssociation, a, 'SubnetId', a);
  const routesOfTable = new Map<string, ModelResource[]>();
  for (const r of model.ofType('AWS::EC2::Route')) {
    const table = model.resolve(r, r.props.RouteTableId);
    if (table) push(routesOfTable, keyOf(table), r);
  }
  const gatewayEndpointsOfTable = new Map<string, { endpoint: ModelResource; index: number }[]>();
  const interfaceEndpoints = new Map<string, ModelResource[]>();
  for (const e of model.ofType('AWS::EC2::VPCEndpoint')) {
    const type = e.props.VpcEndpointType ?? 'Gateway';
    const service = serviceSuffix(model.text(e, e.props.ServiceName), e.region);
    if (type === 'Gateway') {
      const ids = Array.isArray(e.props.RouteTableIds) ? (e.props.RouteTableIds as unknown[]) : [];
      ids.forEach((id, index) => {
        const table = model.resolve(e, id);
        if (table) push(gatewayEndpointsOfTable, keyOf(table), { endpoint: e, index });
      });
    } else if (type === 'Interface' && service) push(interfaceEndpoints, service, e);
  }
  const nacls = new Map<string, NaclInfo>();
  for (const n of model.ofType('AWS::EC2::NetworkAcl')) nacls.set(keyOf(n), { nacl: n, entries: [] });
  for (const e of model.ofType('AWS::EC2::NetworkAclEntry')) {
    const nacl = model.resolve(e, e.props.NetworkAclId);
    if (nacl) nacls.get(keyOf(nacl))?.entries.push(e);
  }
  for (const info of nacls.values())
    info.entries.sort((a, b) => Number(a.props.RuleNumber) - Number(b.props.RuleNumber));
  const naclAssociation = new Map<string, { association: ModelResource; acl?: NaclInfo }>();
  for (const a of model.ofType('AWS::EC2::SubnetNetworkAclAssociation')) {
    const subnet = model.resolve(a, a.props.SubnetId);
    const acl = model.resolve(a, a.props.NetworkAclId);
    if (subnet) naclAssociation.set(keyOf(subnet), { association: a, acl: acl && nacls.get(keyOf(acl)) });
  }

  const rulesOfGroup = new Map<string, GroupRules>();
  for (const g of model.ofType('AWS::EC2::SecurityGroup')) {
    const rules: GroupRules = { group: g, ingress: [], egress: [] };
    for (const direction of ['ingress', 'egress'] as const) {
      const inline = g.props[direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress'];
      if (Array.isArray(inline)) {
        inline.forEach((props: Record<string, unknown>, index) =>
          rules[direction].push(rule(model, g, direction, props, index)),
        );
      }
    }
    rulesOfGroup.set(keyOf(g), rules);
  }
  for (const [type, direction] of [
    ['AWS::EC2::SecurityGroupIngress', 'ingress'],
    ['AWS::EC2::SecurityGroupEgress', 'egress'],
  ] as const) {
    for (const r of model.ofType(type)) {
      const group = model.resolve(r, r.props.GroupId);
      if (group) rulesOfGroup.get(keyOf(group))?.[direction].push(rule(model, r, direction, r.props));
    }
  }
  const internetGatewayAttachment = new Map<string, ModelResource>();
  for (const a of model.ofType('AWS::EC2::VPCGatewayAttachment')) {
    const attachedTo = model.resolve(a, a.props.VpcId);
    if (attachedTo && keyOf(attachedTo) === keyOf(vpc)) byKey(internetGatewayAttachment, a, 'InternetGatewayId', a);
  }
  const instancesOfCluster = new Map<string, ModelResource[]>();
  for (const i of model.ofType('AWS::RDS::DBInstance')) {
    const cluster = model.resolve(i, i.props.DBClusterIdentifier);
    if (cluster) push(instancesOfCluster, keyOf(cluster), i);
  }
  return {
    vpc,
    vpcCidr,
    subnets,
    routeTableAssociation,
    routesOfTable,
    gatewayEndpointsOfTable,
    interfaceEndpoints,
    naclAssociation,
    nacls,
    rulesOfGroup,
    natGateways: model.ofType('AWS::EC2::NatGateway'),
    internetGatewayAttachment,
    instancesOfCluster,
  };
}

function rule(
  model: StageModel,
  resource: ModelResource,
  direction: 'ingress' | 'egress',
  props: Record<string, unknown>,
  index?: number,
): SecurityGroupRule {
  const peer = props[PEER_PROPERTY[direction]];
  const peerGroup = peer === undefined ? undefined : model.resolve(resource, peer);
  return { resource, index, direction, props, peerGroup, unresolvedPeer: peer !== undefined && !peerGroup };
}

/** `com.amazonaws.eu-west-1.ecr.dkr` -> `ecr.dkr`. */
function serviceSuffix(name: string | undefined, region: string | undefined): string | undefined {
  if (!name) return undefined;
  const prefix = `com.amazonaws.${region ?? ''}.`;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name.split('.').slice(3).join('.') || undefined;
}
