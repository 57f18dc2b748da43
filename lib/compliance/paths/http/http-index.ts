import type { ModelResource, StageModel } from '../../template/stage-model';
import type { ListenerProps, ListenerRuleProps, LoadBalancerProps, WebAclAssociationProps } from './template-props';

/** The relations HTTP paths walk, built once per model: load balancer -> listeners, listener -> rules, associations. */
export interface HttpIndex {
  listenersOf(lb: ModelResource<LoadBalancerProps>): ModelResource<ListenerProps>[];
  /** The listener's rules in ascending Priority, the order ELB evaluates them in. */
  rulesOf(listener: ModelResource<ListenerProps>): ModelResource<ListenerRuleProps>[];
  associationsOf(lb: ModelResource<LoadBalancerProps>): ModelResource<WebAclAssociationProps>[];
}

export const keyOf = (r: { readonly stackName: string; readonly logicalId: string }): string =>
  `${r.stackName}/${r.logicalId}`;

export function httpIndex(model: StageModel): HttpIndex {
  return model.index('http-paths', build);
}

function build(model: StageModel): HttpIndex {
  const groupBy = <P>(type: string, pointer: (p: P) => unknown): Map<string, ModelResource<P>[]> => {
    const byTarget = new Map<string, ModelResource<P>[]>();
    for (const r of model.ofType<P>(type)) {
      const target = model.resolve(r, pointer(r.props));
      if (target) byTarget.set(keyOf(target), [...(byTarget.get(keyOf(target)) ?? []), r]);
    }
    return byTarget;
  };
  const listeners = groupBy<ListenerProps>('AWS::ElasticLoadBalancingV2::Listener', (p) => p.LoadBalancerArn);
  const rules = groupBy<ListenerRuleProps>('AWS::ElasticLoadBalancingV2::ListenerRule', (p) => p.ListenerArn);
  for (const list of rules.values()) list.sort((a, b) => Number(a.props.Priority) - Number(b.props.Priority));
  const associations = groupBy<WebAclAssociationProps>('AWS::WAFv2::WebACLAssociation', (p) => p.ResourceArn);
  return {
    listenersOf: (lb) => listeners.get(keyOf(lb)) ?? [],
    rulesOf: (listener) => rules.get(keyOf(listener)) ?? [],
    associationsOf: (lb) => associations.get(keyOf(lb)) ?? [],
  };
}
