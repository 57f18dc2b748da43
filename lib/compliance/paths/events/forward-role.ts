import { asArray } from '../../template/template-values';
import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { HOP_MUTATIONS } from './hop-mutations';
import { readPolicy } from './policy-reader';
import { sourceArnOf } from './topic-delivery';

/**
 * A cross-region event bus target sends with its role
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html): the role must trust
 * events.amazonaws.com and allow events:PutEvents on the bus. Read strictly: unconditioned Allow statements of the
 * role's own and attached customer managed policies in the templates; its trust policy by the strict policy reader
 * (a condition on aws:SourceAccount or aws:SourceArn is judged against the rule).
 */
export function forwardRoleHop(
  model: StageModel,
  rule: ModelResource,
  target: Record<string, unknown>,
  index: number,
): HopRecord {
  const base = { hop: 'event-forward-role', resource: rule.ref, property: `Targets[${index}].RoleArn` } as const;
  const busArn = model.text(rule, target.Arn) ?? '';
  const role = target.RoleArn === undefined ? undefined : model.resolve(rule, target.RoleArn);
  if (!role || role.type !== 'AWS::IAM::Role') {
    return {
      ...base,
      verdict: 'block',
      detail:
        target.RoleArn === undefined
          ? 'no RoleArn: EventBridge cannot send to another region without a role'
          : 'the role is not in the templates',
    };
  }
  // EventBridge assumes the role for this rule: aws:SourceAccount and aws:SourceArn are the rule's.
  const trusts = readPolicy(model, role, statements(role.props.AssumeRolePolicyDocument), {
    service: 'events.amazonaws.com',
    actions: ['sts:AssumeRole'],
    trustPolicy: true,
    account: model.environment.account,
    source: rule,
    sourceArn: sourceArnOf(model, rule),
  }).allowed;
  const documents = [
    ...asArray<Record<string, unknown>>(role.props.Policies).map((p) => p.PolicyDocument),
    ...(model.index('event-paths:role-policies', buildRolePolicies).get(`${role.stackName}/${role.logicalId}`) ?? []),
  ];
  const allows = documents
    .flatMap(statements)
    .some(
      (s) =>
        s.Effect === 'Allow' &&
        s.Condition === undefined &&
        actions(s).some((a) => a === 'events:PutEvents' || a === 'events:*' || a === '*') &&
        asArray<unknown>(s.Resource).some((r) => r === '*' || model.text(role, r) === busArn),
    );
  const ok = trusts && allows;
  return {
    ...base,
    verdict: ok ? 'pass' : 'block',
    detail: ok
      ? `role ${role.logicalId} trusts EventBridge and may PutEvents to ${busArn}`
      : `role ${role.logicalId}: ${trusts ? '' : 'does not trust events.amazonaws.com; '}${allows ? '' : `no statement allows events:PutEvents on ${busArn}`}`,
    mutations: ok ? HOP_MUTATIONS['event-forward-role'](rule, index) : undefined,
  };
}

function statements(document: unknown): Record<string, unknown>[] {
  return asArray<Record<string, unknown>>((document as Record<string, unknown> | undefined)?.Statement);
}

function actions(s: Record<string, unknown>): string[] {
  return asArray<unknown>(s.Action).filter((a): a is string => typeof a === 'string');
}

function buildRolePolicies(model: StageModel): Map<string, unknown[]> {
  const byRole = new Map<string, unknown[]>();
  for (const p of [...model.ofType('AWS::IAM::Policy'), ...model.ofType('AWS::IAM::ManagedPolicy')]) {
    for (const role of model.resolveAll(p, p.props.Roles)) {
      const key = `${role.stackName}/${role.logicalId}`;
      byRole.set(key, [...(byRole.get(key) ?? []), p.props.PolicyDocument]);
    }
  }
  return byRole;
}
