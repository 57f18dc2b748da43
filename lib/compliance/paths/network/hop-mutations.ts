import type { ModelResource, StageModel } from '../../template/stage-model';
import type { TemplateMutation } from '../path-record';
import type { PortRange } from './addresses';
import { decide, NaclDecision, NaclQuery } from './nacls';
import { keyOf, NetworkIndex, SubnetInfo } from './network-index';
import type { Placement, PublicIp } from './placement';
import type { RouteChoice } from './routes';
import type { GroupDecision, GroupQuery } from './security-groups';

/**
 * The mutations that flip a hop, per hop kind, in one place: for a hop that passes, the property changes that turn
 * it off (the way a wrong prop or a later edit would); for a hop that blocks, the changes that open it. Paths never
 * choose mutations: a path added later is mutation-tested by the hops it is made of.
 */

type Verdict = 'pass' | 'block';

function set(
  resource: ModelResource,
  description: string,
  path: readonly (string | number)[],
  value: unknown,
): TemplateMutation {
  return {
    description: `${resource.logicalId}: ${description}`,
    stackName: resource.stackName,
    logicalId: resource.logicalId,
    path,
    value,
  };
}
function remove(resource: ModelResource, description: string, path: readonly (string | number)[]): TemplateMutation {
  return {
    description: `${resource.logicalId}: ${description}`,
    stackName: resource.stackName,
    logicalId: resource.logicalId,
    path,
    remove: true,
  };
}
/** A reference usable from `from`'s template (a Ref within the stack; across stacks nothing is generated). */
function refFrom(from: ModelResource, to: ModelResource): { Ref: string } | undefined {
  return from.stackName === to.stackName ? { Ref: to.logicalId } : undefined;
}

/** `placement` / `destination-placement`: the subnet of the zone taken out of the list AWS places it by. */
export function placementMutations(p: Placement, verdict: Verdict): TemplateMutation[] {
  if (verdict === 'block' || p.entriesInZone !== 1) return [];
  const property = p.subnetEntry.path.slice(1).join('.');
  return [remove(p.subnetEntry.resource, `${property} removed (no subnet in ${p.zone})`, p.subnetEntry.path)];
}

/** `public-ip`: the property that gives (or withholds) the public address. */
export function publicIpMutations(ip: PublicIp, verdict: Verdict): TemplateMutation[] {
  if (!ip.at) return [];
  const value = verdict === 'pass' ? ip.at.off : ip.at.on;
  return [set(ip.at.resource, `${ip.at.path.slice(1).join('.')} = ${String(value)}`, ip.at.path, value)];
}

export interface RouteWanted {
  /** The target kind the path needs (opening a blocked route points it there). */
  readonly want: 'nat-gateway' | 'internet-gateway' | 'gateway-endpoint' | 'local';
  /** The zone whose NAT the path needs, when it needs its own zone's. */
  readonly natZone?: string;
}

/** `route` / `return-route` / `nat-route`: the association, the route's target or destination, the endpoint's table. */
export function routeMutations(
  model: StageModel,
  index: NetworkIndex,
  choice: RouteChoice,
  wanted: RouteWanted,
  verdict: Verdict,
): TemplateMutation[] {
  const { association, route, target } = choice;
  if (verdict === 'pass') {
    if (!target || target.kind === 'local') return [];
    const out: TemplateMutation[] = [];
    if (association) {
      out.push(
        remove(association, 'RouteTableId removed (the subnet falls back to the main route table)', [
          'Properties',
          'RouteTableId',
        ]),
      );
    }
    if (target.kind === 'gateway-endpoint') {
      out.push(
        remove(target.endpoint, `RouteTableIds[${target.index}] removed`, [
          'Properties',
          'RouteTableIds',
          target.index,
        ]),
      );
    }
    if (route) {
      const property = target.kind === 'nat-gateway' ? 'NatGatewayId' : 'GatewayId';
      if (target.kind === 'nat-gateway' || target.kind === 'internet-gateway') {
        out.push(remove(route, `${property} removed (no target)`, ['Properties', property]));
      }
      out.push(
        set(route, 'DestinationCidrBlock = 192.0.2.0/24', ['Properties', 'DestinationCidrBlock'], '192.0.2.0/24'),
      );
      if (target.kind === 'nat-gateway' && wanted.natZone) {
        const other = index.natGateways.find((n) => natZone(model, index, n) !== wanted.natZone);
        const ref = other && refFrom(route, other);
        if (other && ref) {
          out.push(
            set(route, `NatGatewayId -> ${other.logicalId} (another zone's NAT)`, ['Properties', 'NatGatewayId'], ref),
          );
        }
      }
    }
    return out;
  }
  // Opening: point the route at the wanted gateway, or associate the subnet with a table that routes there.
  if (route && (wanted.want === 'internet-gateway' || wanted.want === 'nat-gateway')) {
    const gateway = wantedTarget(model, index, wanted, route);
    if (gateway) {
      const rest = { ...route.props };
      delete rest.NatGatewayId;
      delete rest.GatewayId;
      const property = wanted.want === 'nat-gateway' ? 'NatGatewayId' : 'GatewayId';
      return [set(route, `route to ${gateway.Ref} (${property})`, ['Properties'], { ...rest, [property]: gateway })];
    }
  }
  if (association) {
    const table = tableRoutingTo(model, index, wanted.want);
    const ref = table && refFrom(association, table);
    if (table && ref)
      return [set(association, `RouteTableId -> ${table.logicalId}`, ['Properties', 'RouteTableId'], ref)];
  }
  return [];
}

function wantedTarget(model: StageModel, index: NetworkIndex, wanted: RouteWanted, from: ModelResource) {
  if (wanted.want === 'nat-gateway') {
    const nat = index.natGateways.find((n) => !wanted.natZone || natZone(model, index, n) === wanted.natZone);
    return nat && refFrom(from, nat);
  }
  const attachment = [...index.internetGatewayAttachment.values()][0];
  const igw = attachment && model.resolve(attachment, attachment.props.InternetGatewayId);
  return igw && refFrom(from, igw);
}

function tableRoutingTo(model: StageModel, index: NetworkIndex, want: RouteWanted['want']): ModelResource | undefined {
  for (const routes of index.routesOfTable.values()) {
    const hit = routes.find((r) => {
      if (model.text(r, r.props.DestinationCidrBlock) !== '0.0.0.0/0') return false;
      const target = model.resolve(r, want === 'nat-gateway' ? r.props.NatGatewayId : r.props.GatewayId);
      return target?.type === (want === 'nat-gateway' ? 'AWS::EC2::NatGateway' : 'AWS::EC2::InternetGateway');
    });
    if (hit) return model.resolve(hit, hit.props.RouteTableId);
  }
  return undefined;
}

export function natZone(model: StageModel, index: NetworkIndex, nat: ModelResource): string | undefined {
  const subnet = model.resolve(nat, nat.props.SubnetId);
  return subnet ? index.subnets.get(keyOf(subnet))?.zone : undefined;
}

/** `security-group-egress` / `security-group-ingress`: the one allowing rule's port moved or the rule removed; opening adds a rule. */
export function groupMutations(
  index: NetworkIndex,
  groups: readonly ModelResource[],
  decision: GroupDecision,
  query: GroupQuery,
  verdict: Verdict,
): TemplateMutation[] {
  const listProperty = query.direction === 'egress' ? 'SecurityGroupEgress' : 'SecurityGroupIngress';
  if (verdict === 'block') {
    const group = groups[0];
    if (!group) return [];
    const inline = Array.isArray(group.props[listProperty]) ? (group.props[listProperty] as unknown[]) : [];
    const peer = query.peer.kind === 'cidr' ? query.peer.cidr.text : '0.0.0.0/0';
    const rule = {
      IpProtocol: query.protocol === 'all' ? '-1' : 'tcp',
      ...(query.protocol === 'all' ? {} : { FromPort: query.ports.from, ToPort: query.ports.to }),
      CidrIp: peer,
    };
    // The whole list is written: the property may be absent.
    return [
      set(group, `${listProperty} + ${rule.IpProtocol} ${peer}`, ['Properties', listProperty], [...inline, rule]),
    ];
  }
  if (decision.defaultEgress) {
    // CDK's placeholder: an egress rule that matches nothing removes EC2's default allow-all.
    const placeholder = {
      CidrIp: '255.255.255.255/32',
      Description: 'Disallow all traffic',
      FromPort: 252,
      IpProtocol: 'icmp',
      ToPort: 86,
    };
    return [
      set(
        decision.defaultEgress,
        'SecurityGroupEgress = [disallow all]',
        ['Properties', 'SecurityGroupEgress'],
        [placeholder],
      ),
    ];
  }
  if (decision.allowing.length !== 1) return []; // several rules allow: no one change turns the hop off
  const rule = decision.allowing[0];
  const port = otherPort(query.ports);
  const moved = { ...rule.props, IpProtocol: 'tcp', FromPort: port, ToPort: port };
  const out: TemplateMutation[] = [];
  if (rule.index !== undefined) {
    out.push(
      set(
        rule.resource,
        `${listProperty}[${rule.index}] port -> ${port}`,
        ['Properties', listProperty, rule.index],
        moved,
      ),
    );
    const remaining = index.rulesOfGroup.get(keyOf(rule.resource))?.[query.direction].length ?? 0;
    // Removing the last egress rule would give the group EC2's default allow-all back.
    if (query.direction === 'ingress' || remaining > 1) {
      out.push(
        remove(rule.resource, `${listProperty}[${rule.index}] removed`, ['Properties', listProperty, rule.index]),
      );
    }
  } else {
    out.push(set(rule.resource, `FromPort/ToPort -> ${port}`, ['Properties'], moved));
  }
  return out;
}

function otherPort(ports: PortRange): number {
  return ports.from > 0 ? ports.from - 1 : ports.to + 1;
}

/** `network-acl-outbound` / `network-acl-inbound`: the deciding entry's RuleAction flipped; re-associating; dropping the association. */
export function naclMutations(
  index: NetworkIndex,
  subnet: SubnetInfo,
  decision: NaclDecision,
  query: NaclQuery,
  verdict: Verdict,
): TemplateMutation[] {
  if (verdict === 'block') {
    if (decision.entry && String(decision.entry.props.RuleAction) === 'deny') {
      return [set(decision.entry, 'RuleAction = allow', ['Properties', 'RuleAction'], 'allow')];
    }
    return decision.association
      ? [
          remove(decision.association, 'SubnetId removed (the subnet falls back to the default ACL)', [
            'Properties',
            'SubnetId',
          ]),
        ]
      : [];
  }
  if (decision.entry) return [set(decision.entry, 'RuleAction = deny', ['Properties', 'RuleAction'], 'deny')];
  if (decision.association) return [];
  // The default ACL allows all: associating the subnet with an ACL of the templates that denies the packet turns it off.
  for (const { association, acl } of index.naclAssociation.values()) {
    if (!acl || decide(acl.nacl, acl.entries, association, query).judgement !== 'no') continue;
    const ref = refFrom(association, subnet.resource);
    if (ref)
      return [
        set(
          association,
          `SubnetId -> ${subnet.resource.logicalId} (its ACL ${acl.nacl.logicalId})`,
          ['Properties', 'SubnetId'],
          ref,
        ),
      ];
  }
  return [];
}

/** `nat-gateway`: made private (no internet), or moved to another zone's subnet when the path needs its own zone's. */
export function natMutations(
  model: StageModel,
  index: NetworkIndex,
  nat: ModelResource,
  ownZone: string | undefined,
  verdict: Verdict,
): TemplateMutation[] {
  if (verdict === 'block') return [];
  const out = [set(nat, 'ConnectivityType = private', ['Properties', 'ConnectivityType'], 'private')];
  if (ownZone) {
    const elsewhere = index.natGateways.find((n) => natZone(model, index, n) !== ownZone);
    if (elsewhere)
      out.push(
        set(
          nat,
          `SubnetId -> ${elsewhere.logicalId}'s subnet (another zone)`,
          ['Properties', 'SubnetId'],
          elsewhere.props.SubnetId,
        ),
      );
  }
  return out;
}

/** `internet-gateway`: detached from the VPC. */
export function internetGatewayMutations(attachment: ModelResource | undefined, verdict: Verdict): TemplateMutation[] {
  return verdict === 'pass' && attachment
    ? [remove(attachment, 'InternetGatewayId removed (detached)', ['Properties', 'InternetGatewayId'])]
    : [];
}

/** `interface-endpoint`: private DNS off on the endpoint, or DNS support / hostnames off on the VPC. */
export function interfaceEndpointMutations(
  endpoint: ModelResource | undefined,
  vpc: ModelResource,
  verdict: Verdict,
): TemplateMutation[] {
  if (verdict === 'block' || !endpoint) return [];
  return [
    set(endpoint, 'PrivateDnsEnabled = false', ['Properties', 'PrivateDnsEnabled'], false),
    set(vpc, 'EnableDnsSupport = false', ['Properties', 'EnableDnsSupport'], false),
    set(vpc, 'EnableDnsHostnames = false', ['Properties', 'EnableDnsHostnames'], false),
  ];
}

/** `listener`: the listener moved to another port. */
export function listenerMutations(
  listener: ModelResource | undefined,
  port: number,
  verdict: Verdict,
): TemplateMutation[] {
  return verdict === 'pass' && listener ? [set(listener, `Port = ${port + 1}`, ['Properties', 'Port'], port + 1)] : [];
}
