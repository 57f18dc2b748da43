/** Typed views of AWS::WAFv2::* properties. */

export interface WebAclRule {
  readonly Name?: unknown;
  readonly Priority?: unknown;
  readonly Statement?: {
    readonly ManagedRuleGroupStatement?: {
      readonly VendorName?: unknown;
      readonly Name?: unknown;
      readonly RuleActionOverrides?: unknown;
      readonly ScopeDownStatement?: unknown;
    };
    readonly RateBasedStatement?: { readonly Limit?: unknown; readonly AggregateKeyType?: unknown };
  };
  readonly OverrideAction?: { readonly Count?: unknown; readonly None?: unknown };
  readonly Action?: unknown;
}

export interface WebAclProps {
  readonly Scope?: unknown;
  readonly DefaultAction?: unknown;
  readonly Rules?: readonly WebAclRule[];
}

export interface WebAclAssociationProps {
  readonly ResourceArn?: unknown;
  readonly WebACLArn?: unknown;
}

export interface WafLoggingConfigurationProps {
  readonly ResourceArn?: unknown;
  readonly LogDestinationConfigs?: unknown;
}
