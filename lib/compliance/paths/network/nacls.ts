import type { ModelResource } from '../../template/stage-model';
import {
  AddressSet,
  both,
  Judgement,
  matchCidr,
  matchProtocolAndPorts,
  parseCidr,
  PortRange,
  Protocol,
} from './addresses';
import { keyOf, NetworkIndex, SubnetInfo } from './network-index';

export interface NaclDecision {
  readonly judgement: Judgement;
  readonly detail: string;
  readonly nacl?: ModelResource;
  readonly association?: ModelResource;
  /** The entry that decided (none: the implicit deny, or the default ACL). */
  readonly entry?: ModelResource;
}

export interface NaclQuery {
  readonly direction: 'inbound' | 'outbound';
  readonly protocol: Protocol;
  readonly ports: PortRange;
  /** The other end's addresses (the destination outbound, the source inbound). */
  readonly peer: AddressSet;
}

/**
 * A network ACL is stateless (requests and responses are judged separately) and its rules are read by RuleNumber,
 * lowest first, the first match deciding; nothing matched is denied. A subnet associated with no ACL uses the VPC's
 * default ACL, which allows all traffic both ways.
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
 */
export function evaluateNacl(index: NetworkIndex, subnet: SubnetInfo, query: NaclQuery): NaclDecision {
  const associated = index.naclAssociation.get(keyOf(subnet.resource));
  if (!associated) {
    return { judgement: 'yes', detail: `${subnet.resource.logicalId} uses the VPC's default network ACL (allows all)` };
  }
  const { association, acl } = associated;
  if (!acl) return { judgement: 'unknown', detail: 'the associated network ACL is not in the templates', association };
  return decide(acl.nacl, acl.entries, association, query);
}

/** The decision of one ACL's entries on a query (also used to judge re-associating a subnet). */
export function decide(
  nacl: ModelResource,
  entries: readonly ModelResource[],
  association: ModelResource | undefined,
  query: NaclQuery,
): NaclDecision {
  const egress = query.direction === 'outbound';
  for (const entry of entries) {
    if ((entry.props.Egress === true || entry.props.Egress === 'true') !== egress) continue;
    const cidr = parseCidr(typeof entry.props.CidrBlock === 'string' ? entry.props.CidrBlock : undefined);
    const range = entry.props.PortRange as { From?: number; To?: number } | undefined;
    const ports = range ? { from: Number(range.From), to: Number(range.To) } : undefined;
    const m = cidr
      ? both(
          matchCidr(cidr, query.peer),
          matchProtocolAndPorts(String(entry.props.Protocol), ports, query.protocol, query.ports),
        )
      : 'none';
    if (m === 'none') continue;
    const action = String(entry.props.RuleAction);
    const rule = `${nacl.logicalId} rule ${String(entry.props.RuleNumber)} (${action} ${String(entry.props.CidrBlock)})`;
    if (m === 'partial')
      return { judgement: 'unknown', detail: `${rule} matches only part of the packets`, nacl, association, entry };
    return { judgement: action === 'allow' ? 'yes' : 'no', detail: rule, nacl, association, entry };
  }
  return { judgement: 'no', detail: `${nacl.logicalId}: no rule matches (implicit deny)`, nacl, association };
}
