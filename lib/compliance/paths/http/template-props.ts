/**
 * The template properties the HTTP path evaluator reads, typed as CloudFormation spells them
 * (AWS::ElasticLoadBalancingV2::*, AWS::WAFv2::*, AWS::ECS::Service). Values that may be tokens stay `unknown`.
 */

export interface KeyValue {
  readonly Key?: string;
  readonly Value?: unknown;
}

export interface LoadBalancerProps {
  readonly Scheme?: string;
  readonly Type?: string;
  readonly LoadBalancerAttributes?: readonly KeyValue[];
}

export interface ListenerProps {
  readonly LoadBalancerArn?: unknown;
  readonly Port?: number | string;
  readonly Protocol?: string;
  readonly SslPolicy?: string;
  readonly DefaultActions?: readonly ListenerAction[];
  readonly ListenerAttributes?: readonly KeyValue[];
}

export interface ListenerRuleProps {
  readonly ListenerArn?: unknown;
  readonly Priority?: number | string;
  readonly Conditions?: readonly RuleCondition[];
  readonly Actions?: readonly ListenerAction[];
}

interface ValuesConfig {
  readonly Values?: readonly string[];
  readonly RegexValues?: readonly string[];
}

export interface RuleCondition {
  readonly Field?: string;
  /** The legacy form of path-pattern and host-header values. */
  readonly Values?: readonly string[];
  readonly PathPatternConfig?: ValuesConfig;
  readonly HostHeaderConfig?: ValuesConfig;
  readonly HttpRequestMethodConfig?: ValuesConfig;
  readonly HttpHeaderConfig?: ValuesConfig & { readonly HttpHeaderName?: string };
  readonly QueryStringConfig?: { readonly Values?: readonly { Key?: string; Value?: string }[] };
  readonly SourceIpConfig?: ValuesConfig;
}

export interface ListenerAction {
  readonly Type?: string;
  readonly Order?: number;
  readonly TargetGroupArn?: unknown;
  readonly ForwardConfig?: { readonly TargetGroups?: readonly { TargetGroupArn?: unknown; Weight?: number }[] };
  readonly RedirectConfig?: {
    readonly Protocol?: string;
    readonly Port?: string;
    readonly Host?: string;
    readonly StatusCode?: string;
  };
  readonly FixedResponseConfig?: { readonly StatusCode?: string; readonly ContentType?: string; MessageBody?: string };
  readonly AuthenticateOidcConfig?: { readonly OnUnauthenticatedRequest?: string };
  readonly AuthenticateCognitoConfig?: { readonly OnUnauthenticatedRequest?: string };
}

export interface EcsServiceProps {
  readonly LoadBalancers?: readonly { TargetGroupArn?: unknown }[];
}

export interface WebAclAssociationProps {
  readonly ResourceArn?: unknown;
  readonly WebACLArn?: unknown;
}

/** A WAF action or override: exactly one key is set. */
export type WafAction = Readonly<Partial<Record<'Allow' | 'Block' | 'Count' | 'Captcha' | 'Challenge', object>>>;

export interface WafStatement {
  readonly ByteMatchStatement?: {
    readonly FieldToMatch?: { UriPath?: object; Method?: object; SingleHeader?: { Name?: string } };
    readonly PositionalConstraint?: string;
    readonly SearchString?: string;
    readonly TextTransformations?: readonly { Type?: string }[];
  };
  readonly NotStatement?: { readonly Statement?: WafStatement };
  readonly AndStatement?: { readonly Statements?: readonly WafStatement[] };
  readonly OrStatement?: { readonly Statements?: readonly WafStatement[] };
  readonly RateBasedStatement?: { readonly Limit?: number; readonly ScopeDownStatement?: WafStatement };
  readonly ManagedRuleGroupStatement?: ManagedRuleGroupStatement;
  readonly RuleGroupReferenceStatement?: { readonly Arn?: unknown };
  readonly [other: string]: unknown;
}

export interface ManagedRuleGroupStatement {
  readonly VendorName?: string;
  readonly Name?: string;
  readonly ScopeDownStatement?: WafStatement;
  readonly RuleActionOverrides?: readonly { Name?: string; ActionToUse?: WafAction }[];
  readonly ExcludedRules?: readonly { Name?: string }[];
}

export interface WafRule {
  readonly Name?: string;
  readonly Priority?: number;
  readonly Action?: WafAction;
  readonly OverrideAction?: { readonly None?: object; readonly Count?: object };
  readonly Statement?: WafStatement;
}

export interface WebAclProps {
  readonly DefaultAction?: WafAction;
  readonly Rules?: readonly WafRule[];
}
