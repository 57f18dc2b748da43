import type { CfnTag } from './common';

/** Typed views of AWS::ElasticLoadBalancingV2::* properties. */

export interface ElbKeyValue {
  readonly Key?: unknown;
  readonly Value?: unknown;
}

export interface LoadBalancerProps {
  readonly Scheme?: unknown;
  readonly Type?: unknown;
  readonly Subnets?: unknown;
  readonly SecurityGroups?: unknown;
  readonly LoadBalancerAttributes?: readonly ElbKeyValue[];
  readonly Tags?: readonly CfnTag[];
}

export interface ListenerAction {
  readonly Type?: unknown;
  readonly Order?: unknown;
  readonly TargetGroupArn?: unknown;
  readonly RedirectConfig?: {
    readonly Protocol?: unknown;
    readonly Port?: unknown;
    readonly Host?: unknown;
    readonly Path?: unknown;
    readonly StatusCode?: unknown;
  };
  readonly FixedResponseConfig?: {
    readonly StatusCode?: unknown;
    readonly ContentType?: unknown;
    readonly MessageBody?: unknown;
  };
}

export interface ListenerProps {
  readonly LoadBalancerArn?: unknown;
  readonly Port?: unknown;
  readonly Protocol?: unknown;
  readonly SslPolicy?: unknown;
  readonly Certificates?: unknown;
  readonly DefaultActions?: readonly ListenerAction[];
  readonly ListenerAttributes?: readonly ElbKeyValue[];
}

export interface ListenerRuleCondition {
  readonly Field?: unknown;
  /** The legacy form of path-pattern and host-header values. */
  readonly Values?: unknown;
  readonly PathPatternConfig?: { readonly Values?: unknown };
  readonly HostHeaderConfig?: { readonly Values?: unknown };
}

export interface ListenerRuleProps {
  readonly ListenerArn?: unknown;
  readonly Priority?: unknown;
  readonly Conditions?: readonly ListenerRuleCondition[];
  readonly Actions?: readonly ListenerAction[];
}
