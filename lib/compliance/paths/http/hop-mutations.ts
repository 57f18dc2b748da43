import { ELB_SECURITY_POLICY_PROTOCOLS } from '../../../core/requirements/elb-security-policies';
import { HSTS_LISTENER_ATTRIBUTE } from '../../../core/requirements/transit';
import type { ModelResource } from '../../template/stage-model';
import type { TemplateMutation } from '../path-record';
import type {
  KeyValue,
  ListenerAction,
  ListenerProps,
  ListenerRuleProps,
  LoadBalancerProps,
  WafRule,
  WebAclAssociationProps,
  WebAclProps,
} from './template-props';

/**
 * The generic mutations of every HTTP hop kind: each changes the property AWS reads at that hop the way a wrong
 * prop or a later edit would. They are candidates; the hop keeps those that really flip the verdict its own judge
 * gives (flippingMutations), so a path added later is mutation-tested with no new code.
 */
export interface Candidate {
  readonly description: string;
  /** Path under `Properties`. */
  readonly path: readonly (string | number)[];
  readonly value?: unknown;
  readonly remove?: boolean;
  /** Of several flipping candidates of one group only the first is kept (one TLS policy, not every one). */
  readonly group?: string;
}

export type HttpHopKind =
  | 'load-balancer-scheme'
  | 'listener'
  | 'tls-policy'
  | 'hsts-header'
  | 'web-acl-decision'
  | 'listener-rule-skipped'
  | 'listener-rule-match'
  | 'listener-action'
  | 'listener-actions'
  | 'web-acl-association'
  | 'web-acl-rules-before-group'
  | 'waf-managed-rule-group'
  | 'waf-rule-action-overrides'
  | 'waf-scope-down';

const otherTargetGroupArn = (r: ModelResource<unknown>): string =>
  `arn:aws:elasticloadbalancing:${r.region ?? 'eu-west-1'}:${r.stack.account ?? '123456789012'}:targetgroup/not-the-service/0123456789abcdef`;

const MATCH_ALL_PATHS = [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }];
const MATCH_NO_REQUEST = [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/no-request-has-this-path-*'] } }];
const EVERY_PATH = { ByteMatchStatement: byteMatchUriPath('/') };
const visibility = (name: string) => ({
  CloudWatchMetricsEnabled: true,
  MetricName: name,
  SampledRequestsEnabled: true,
});

function byteMatchUriPath(prefix: string) {
  return {
    FieldToMatch: { UriPath: {} },
    PositionalConstraint: 'STARTS_WITH',
    SearchString: prefix,
    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
  };
}

/** The rules with `first` put before all others (priorities shifted by one, order kept). */
function withFirstRule(acl: WebAclProps, first: WafRule): WafRule[] {
  return [first, ...(acl.Rules ?? []).map((r) => ({ ...r, Priority: (r.Priority ?? 0) + 1 }))];
}

/** A documented rule of each required group, for the override mutation (any rule name is judged the same way). */
const EXAMPLE_RULE: Record<string, string> = {
  AWSManagedRulesAmazonIpReputationList: 'AWSManagedIPReputationList',
  AWSManagedRulesCommonRuleSet: 'SizeRestrictions_BODY',
  AWSManagedRulesKnownBadInputsRuleSet: 'Log4JRCE_HEADER',
  AWSManagedRulesSQLiRuleSet: 'SQLi_BODY',
};

export const HOP_MUTATIONS = {
  'load-balancer-scheme': (lb: ModelResource<LoadBalancerProps>): Candidate[] => [
    lb.props.Scheme === 'internal'
      ? { description: 'Scheme: internet-facing', path: ['Scheme'], value: 'internet-facing' }
      : { description: 'Scheme: internal', path: ['Scheme'], value: 'internal' },
  ],
  listener: (listener: ModelResource<ListenerProps>): Candidate[] => [
    { description: 'Port moved', path: ['Port'], value: Number(listener.props.Port) === 443 ? 8443 : 8080 },
    listener.props.Protocol === 'HTTPS'
      ? { description: 'Protocol: HTTP', path: ['Protocol'], value: 'HTTP' }
      : { description: 'Protocol: HTTPS', path: ['Protocol'], value: 'HTTPS' },
  ],
  'tls-policy': (): Candidate[] => [
    ...Object.keys(ELB_SECURITY_POLICY_PROTOCOLS).map((name) => ({
      description: `SslPolicy: ${name}`,
      path: ['SslPolicy'],
      value: name,
      group: 'policy',
    })),
    {
      description: 'SslPolicy removed (CloudFormation then applies ELBSecurityPolicy-2016-08)',
      path: ['SslPolicy'],
      remove: true,
    },
  ],
  'hsts-header': (listener: ModelResource<ListenerProps>): Candidate[] => {
    const attributes: readonly KeyValue[] = listener.props.ListenerAttributes ?? [];
    const i = attributes.findIndex((a) => a.Key === HSTS_LISTENER_ATTRIBUTE);
    return i < 0
      ? [
          {
            description: `${HSTS_LISTENER_ATTRIBUTE} added`,
            path: ['ListenerAttributes', attributes.length],
            value: { Key: HSTS_LISTENER_ATTRIBUTE, Value: 'max-age=63072000; includeSubDomains' },
          },
        ]
      : [
          { description: `${HSTS_LISTENER_ATTRIBUTE} removed`, path: ['ListenerAttributes', i], remove: true },
          { description: 'HSTS max-age=300', path: ['ListenerAttributes', i, 'Value'], value: 'max-age=300' },
        ];
  },
  'web-acl-decision': (acl: ModelResource<WebAclProps>): Candidate[] => [
    { description: 'DefaultAction: Block', path: ['DefaultAction'], value: { Block: {} } },
    { description: 'DefaultAction: Allow', path: ['DefaultAction'], value: { Allow: {} } },
    {
      description: 'a rule blocking every path put first',
      path: ['Rules'],
      value: withFirstRule(acl.props, {
        Name: 'MutationBlocksEverything',
        Priority: 0,
        Action: { Block: {} },
        Statement: EVERY_PATH,
        VisibilityConfig: visibility('MutationBlocksEverything'),
      } as WafRule),
    },
  ],
  'listener-rule-skipped': (): Candidate[] => [
    {
      description: 'Conditions: path-pattern /* (the rule now takes every path)',
      path: ['Conditions'],
      value: MATCH_ALL_PATHS,
    },
  ],
  'listener-rule-match': (
    laterMatching?: ModelResource<ListenerRuleProps>,
    taken?: ReadonlySet<number>,
  ): Candidate[] => {
    const candidates: Candidate[] = [
      { description: 'Conditions: a path no request has', path: ['Conditions'], value: MATCH_NO_REQUEST },
    ];
    if (laterMatching) {
      let priority = Number(laterMatching.props.Priority) + 1;
      while (taken?.has(priority)) priority++;
      candidates.push({
        description: `Priority ${priority}: behind the next rule that matches (priority ${laterMatching.props.Priority}), which then takes the request`,
        path: ['Priority'],
        value: priority,
      });
    }
    return candidates;
  },
  'listener-action': (
    holder: ModelResource<ListenerRuleProps | ListenerProps>,
    property: 'Actions' | 'DefaultActions',
  ): Candidate[] => {
    const actions: readonly ListenerAction[] =
      ((holder.props as Record<string, unknown>)[property] as ListenerAction[] | undefined) ?? [];
    const candidates: Candidate[] = [
      {
        description: `${property} replaced by a forward to another target group`,
        path: [property],
        value: [{ Type: 'forward', TargetGroupArn: otherTargetGroupArn(holder) }],
      },
      {
        description: `${property} replaced by a fixed 404`,
        path: [property],
        value: [
          {
            Type: 'fixed-response',
            FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' },
          },
        ],
      },
    ];
    actions.forEach((a, i) => {
      if (a.Type === 'redirect') {
        candidates.push(
          {
            description: 'RedirectConfig.Protocol: HTTP',
            path: [property, i, 'RedirectConfig', 'Protocol'],
            value: 'HTTP',
          },
          { description: 'RedirectConfig.Port: 8443', path: [property, i, 'RedirectConfig', 'Port'], value: '8443' },
        );
      }
      if (a.Type === 'fixed-response') {
        candidates.push(
          {
            description: 'FixedResponseConfig.StatusCode: 404',
            path: [property, i, 'FixedResponseConfig', 'StatusCode'],
            value: '404',
          },
          {
            description: 'FixedResponseConfig.ContentType: text/html',
            path: [property, i, 'FixedResponseConfig', 'ContentType'],
            value: 'text/html',
          },
          {
            description: 'FixedResponseConfig.MessageBody: Not found',
            path: [property, i, 'FixedResponseConfig', 'MessageBody'],
            value: 'Not found',
          },
        );
      }
      if (a.Type === 'forward' && a.TargetGroupArn !== undefined) {
        candidates.push({
          description: 'TargetGroupArn: another target group',
          path: [property, i, 'TargetGroupArn'],
          value: otherTargetGroupArn(holder),
        });
      }
    });
    return candidates;
  },
  'web-acl-association': (association: ModelResource<WebAclAssociationProps>): Candidate[] => [
    {
      description: 'ResourceArn: another load balancer',
      path: ['ResourceArn'],
      value: `arn:aws:elasticloadbalancing:${association.region ?? 'eu-west-1'}:${association.stack.account ?? '123456789012'}:loadbalancer/app/another/0123456789abcdef`,
    },
    {
      description: 'WebACLArn: a web ACL that is not the platform web ACL',
      path: ['WebACLArn'],
      value: `arn:aws:wafv2:${association.region ?? 'eu-west-1'}:${association.stack.account ?? '123456789012'}:regional/webacl/another/00000000-0000-0000-0000-000000000000`,
    },
  ],
  'web-acl-rules-before-group': (acl: ModelResource<WebAclProps>): Candidate[] => [
    {
      description: 'a rule allowing every path put first',
      path: ['Rules'],
      value: withFirstRule(acl.props, {
        Name: 'MutationAllowsEverything',
        Priority: 0,
        Action: { Allow: {} },
        Statement: EVERY_PATH,
        VisibilityConfig: visibility('MutationAllowsEverything'),
      } as WafRule),
    },
  ],
  'waf-managed-rule-group': (_acl: ModelResource<WebAclProps>, index: number): Candidate[] => [
    { description: 'OverrideAction: Count', path: ['Rules', index, 'OverrideAction'], value: { Count: {} } },
    {
      description: 'ManagedRuleGroupStatement.Name: AWSManagedRulesAnonymousIpList',
      path: ['Rules', index, 'Statement', 'ManagedRuleGroupStatement', 'Name'],
      value: 'AWSManagedRulesAnonymousIpList',
    },
  ],
  'waf-rule-action-overrides': (acl: ModelResource<WebAclProps>, index: number, group: string): Candidate[] => {
    const existing = acl.props.Rules?.[index]?.Statement?.ManagedRuleGroupStatement?.RuleActionOverrides ?? [];
    const name = EXAMPLE_RULE[group] ?? 'AnyRuleOfTheGroup';
    return [
      {
        description: `RuleActionOverrides: ${name} to Count`,
        path: ['Rules', index, 'Statement', 'ManagedRuleGroupStatement', 'RuleActionOverrides'],
        value: [...existing, { Name: name, ActionToUse: { Count: {} } }],
      },
    ];
  },
  'waf-scope-down': (_acl: ModelResource<WebAclProps>, index: number): Candidate[] => [
    {
      description: 'ScopeDownStatement: only paths under /api/',
      path: ['Rules', index, 'Statement', 'ManagedRuleGroupStatement', 'ScopeDownStatement'],
      value: { ByteMatchStatement: byteMatchUriPath('/api/') },
    },
  ],
};

/**
 * The candidates that flip `verdictOf` on the resource's properties, as template mutations. Each candidate is tried
 * on an in-memory copy of the properties only (no template walk).
 */
export function flippingMutations<P>(
  resource: ModelResource<P>,
  candidates: readonly Candidate[],
  verdictOf: (props: P) => 'pass' | 'block',
): TemplateMutation[] {
  const current = verdictOf(resource.props);
  const groups = new Set<string>();
  const kept: TemplateMutation[] = [];
  for (const c of candidates) {
    if (c.group && groups.has(c.group)) continue;
    const mutated = structuredClone(resource.props) as unknown as Record<string | number, unknown>;
    setAt(mutated, c.path, c.remove ? REMOVE : c.value);
    if (verdictOf(mutated as unknown as P) === current) continue;
    if (c.group) groups.add(c.group);
    kept.push({
      description: c.description,
      stackName: resource.stackName,
      logicalId: resource.logicalId,
      path: ['Properties', ...c.path],
      ...(c.remove ? { remove: true } : { value: c.value }),
    });
  }
  return kept;
}

const REMOVE = Symbol('remove');

function setAt(root: Record<string | number, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const [i, key] of path.slice(0, -1).entries()) {
    if (node[key] === undefined || node[key] === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === REMOVE) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}
