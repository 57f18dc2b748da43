/**
 * Address, port and protocol arithmetic for packets and the rules that match them (IPv4: every packet of the paths
 * is IPv4, so IPv6 rules never match one). A packet stands for a set of packets (every address of a subnet, every
 * internet host, a range of ports); a rule matches that set fully, partly or not at all, and an evaluator that meets
 * a partial match cannot say what AWS does for every packet of the set, so it answers `unknown`.
 */

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
  readonly text: string;
}

/** A set of addresses: a CIDR, or every address outside one (the internet seen from a VPC). */
export type AddressSet =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | { readonly kind: 'outside'; readonly vpc: Cidr; readonly label: string };

export type Protocol = 'tcp' | 'all';
export interface PortRange {
  readonly from: number;
  readonly to: number;
}
export const ALL_PORTS: PortRange = { from: 0, to: 65535 };
/**
 * The ports a response goes back to. Clients pick them from 1024-65535 (NAT gateways, load balancers and Lambda use
 * that whole range), so a network ACL must allow all of it for every response to pass:
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html
 */
export const EPHEMERAL_PORTS: PortRange = { from: 1024, to: 65535 };

export type Match = 'full' | 'partial' | 'none';
/** What the evaluator can say about every packet of a set: all pass, none pass, or it cannot tell. */
export type Judgement = 'yes' | 'no' | 'unknown';

export function parseCidr(text: string | undefined): Cidr | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text ?? '');
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { base: (address & mask(prefix)) >>> 0, prefix, text: text! };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.prefix <= inner.prefix && (inner.base & mask(outer.prefix)) >>> 0 === outer.base;
}

/**
 * How a rule's CIDR matches a set of addresses. CDK's "disallow all" egress placeholder names 255.255.255.255/32,
 * the limited broadcast address, which a VPC never forwards: it matches nothing.
 */
export function matchCidr(rule: Cidr, set: AddressSet): Match {
  if (rule.prefix === 32 && rule.base === 0xffffffff) return 'none';
  if (set.kind === 'cidr') {
    if (cidrContains(rule, set.cidr)) return 'full';
    return cidrContains(set.cidr, rule) ? 'partial' : 'none';
  }
  if (rule.prefix === 0) return 'full';
  return cidrContains(set.vpc, rule) ? 'none' : 'partial';
}

export function matchPorts(rule: PortRange, ports: PortRange): Match {
  if (rule.from <= ports.from && ports.to <= rule.to) return 'full';
  return rule.from <= ports.to && ports.from <= rule.to ? 'partial' : 'none';
}

/**
 * How a rule's protocol and ports match a packet's. `ruleProtocol` is a protocol number or name (`-1`, `6`, `tcp`);
 * `rulePorts` is undefined where the protocol has none.
 */
export function matchProtocolAndPorts(
  ruleProtocol: string,
  rulePorts: PortRange | undefined,
  protocol: Protocol,
  ports: PortRange,
): Match {
  const p = ruleProtocol.toLowerCase();
  if (p === '-1' || p === 'all') return 'full';
  const isTcp = p === 'tcp' || p === '6';
  if (protocol === 'tcp' && !isTcp) return 'none';
  const portMatch = isTcp ? matchPorts(rulePorts ?? ALL_PORTS, ports) : 'partial';
  if (protocol === 'all') return portMatch === 'none' && isTcp ? 'none' : 'partial';
  return portMatch;
}

/** Both parts must match for the rule to: the weaker of the two. */
export function both(a: Match, b: Match): Match {
  if (a === 'none' || b === 'none') return 'none';
  return a === 'full' && b === 'full' ? 'full' : 'partial';
}

export function describeAddresses(set: AddressSet): string {
  return set.kind === 'cidr' ? set.cidr.text : set.label;
}

export function describePorts(protocol: Protocol, ports: PortRange): string {
  if (protocol === 'all') return 'any protocol and port';
  return ports.from === ports.to ? `tcp/${ports.from}` : `tcp/${ports.from}-${ports.to}`;
}
