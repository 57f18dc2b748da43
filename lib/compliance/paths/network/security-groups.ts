import type { ModelResource } from '../../template/stage-model';
import {
  AddressSet,
  both,
  Judgement,
  Match,
  matchCidr,
  matchProtocolAndPorts,
  parseCidr,
  PortRange,
  Protocol,
} from './addresses';
import { keyOf, NetworkIndex, SecurityGroupRule } from './network-index';

/** What the groups of one end of a path say about a packet in one direction. */
export interface GroupDecision {
  readonly judgement: Judgement;
  readonly detail: string;
  /** Rules that match every packet (any one of them lets it through). */
  readonly allowing: readonly SecurityGroupRule[];
  /** A group with no egress rule at all, which CloudFormation leaves with EC2's default allow-all egress. */
  readonly defaultEgress?: ModelResource;
}

export interface GroupQuery {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: Protocol;
  readonly ports: PortRange;
  /** The other end: its addresses and, inside the VPC, its groups (a rule may name a group as peer). */
  readonly peer: AddressSet;
  readonly peerGroups: readonly ModelResource[];
}

/**
 * Security groups allow (rules are a union, there is no deny) and are stateful: a response to an allowed request is
 * allowed back whatever the rules of the other direction.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
 */
export function evaluateGroups(
  index: NetworkIndex,
  groups: readonly ModelResource[],
  unknownGroups: boolean,
  query: GroupQuery,
): GroupDecision {
  const allowing: SecurityGroupRule[] = [];
  let partial = 0;
  let defaultEgress: ModelResource | undefined;
  for (const group of groups) {
    const rules = index.rulesOfGroup.get(keyOf(group));
    if (!rules) continue;
    const list = rules[query.direction];
    // A group created without egress rules keeps EC2's allow-all egress; adding any rule (inline or its own
    // resource) removes it: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
    if (query.direction === 'egress' && list.length === 0) {
      defaultEgress ??= group;
      continue;
    }
    for (const rule of list) {
      const m = matchRule(rule, query);
      if (m === 'full') allowing.push(rule);
      else if (m === 'partial') partial++;
    }
  }
  const names = groups.map((g) => g.logicalId).join(', ') || 'none';
  if (allowing.length > 0 || defaultEgress) {
    const by = defaultEgress
      ? `${defaultEgress.logicalId} has no egress rule (EC2's default allow-all)`
      : allowing.map(describeRule).join('; ');
    return { judgement: 'yes', detail: `allowed by ${by}`, allowing, defaultEgress };
  }
  if (partial > 0 || unknownGroups) {
    const why = unknownGroups ? 'a group is not in the templates (or none is named: the VPC default group)' : '';
    return {
      judgement: 'unknown',
      detail: `groups ${names}: ${why || `${partial} rule(s) match only part of the packets`}`,
      allowing,
    };
  }
  return { judgement: 'no', detail: `no ${query.direction} rule of ${names} matches`, allowing };
}

function matchRule(rule: SecurityGroupRule, query: GroupQuery): Match {
  const p = rule.props;
  const protocol = String(p.IpProtocol ?? '-1');
  const ports: PortRange | undefined =
    p.FromPort === undefined ? undefined : { from: Number(p.FromPort), to: Number(p.ToPort ?? p.FromPort) };
  const protoMatch = matchProtocolAndPorts(protocol, ports, query.protocol, query.ports);
  if (protoMatch === 'none') return 'none';
  let peer: Match;
  if (rule.peerGroup) peer = query.peerGroups.some((g) => keyOf(g) === keyOf(rule.peerGroup!)) ? 'full' : 'none';
  else if (rule.unresolvedPeer) peer = 'partial';
  else if (typeof p.CidrIp === 'string')
    peer = parseCidr(p.CidrIp) ? matchCidr(parseCidr(p.CidrIp)!, query.peer) : 'partial';
  else if (p.SourcePrefixListId !== undefined || p.DestinationPrefixListId !== undefined) peer = 'partial';
  else if (p.CidrIpv6 !== undefined) peer = 'none';
  else peer = 'partial';
  return both(protoMatch, peer);
}

export function describeRule(rule: SecurityGroupRule): string {
  const p = rule.props;
  const where = rule.index === undefined ? rule.resource.logicalId : `${rule.resource.logicalId}[${rule.index}]`;
  const peer = rule.peerGroup ? `group ${rule.peerGroup.logicalId}` : String(p.CidrIp ?? p.CidrIpv6 ?? 'a prefix list');
  const ports =
    String(p.IpProtocol) === '-1' ? 'all traffic' : `${String(p.IpProtocol)}/${String(p.FromPort)}-${String(p.ToPort)}`;
  return `${where} (${ports} ${rule.direction === 'egress' ? 'to' : 'from'} ${peer})`;
}
