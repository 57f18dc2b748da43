import type { LocatedResource } from '../template/platform-assembly';
import { referencedLogicalId } from '../template/platform-assembly';
import { asArray } from '../template/template-values';

/** Readers the per-resource checks share: a resource's properties and its neighbours in the same template. */

/** The resource's properties as written in the template. */
export function props(resource: LocatedResource): Record<string, unknown> {
  return resource.resource.Properties ?? {};
}

/** Every resource of `type` in the template of `resource`. */
export function inStack(resource: LocatedResource, type: string): LocatedResource[] {
  const stack = resource.stack;
  return Object.entries(stack.template.Resources ?? {})
    .filter(([, r]) => r.Type === type)
    .map(([logicalId, r]) => ({
      stack,
      stackName: stack.stackName,
      region: stack.region,
      logicalId,
      type: r.Type,
      resource: r,
    }));
}

/** The resource of `type` in the template of `from` that `value` (a Ref or GetAtt) points at. */
export function referenced(from: LocatedResource, value: unknown, type: string): LocatedResource | undefined {
  const id = referencedLogicalId(value);
  return id ? inStack(from, type).find((r) => r.logicalId === id) : undefined;
}

/** One resource, however it was looked up (the readers build a new record on every look-up, so `===` would miss). */
export function sameResource(a: LocatedResource | undefined, b: LocatedResource | undefined): boolean {
  return a !== undefined && b !== undefined && a.stack === b.stack && a.logicalId === b.logicalId;
}

/** True when `value` is a Ref / GetAtt of `target`. */
export function pointsAt(value: unknown, target: LocatedResource): boolean {
  return referencedLogicalId(value) === target.logicalId;
}

/** Where a resource policy names the resources it governs, by the type of those resources. */
const RESOURCE_POLICY_OF: Readonly<Record<string, { readonly type: string; readonly target: string }>> = {
  'AWS::SQS::Queue': { type: 'AWS::SQS::QueuePolicy', target: 'Queues' },
  'AWS::SNS::Topic': { type: 'AWS::SNS::TopicPolicy', target: 'Topics' },
  'AWS::SecretsManager::Secret': { type: 'AWS::SecretsManager::ResourcePolicy', target: 'SecretId' },
};

/** The statements of every resource policy of the store's template that governs the store. */
export function resourcePolicyStatements<S = Record<string, unknown>>(store: LocatedResource): S[] {
  const policy = RESOURCE_POLICY_OF[store.type];
  if (!policy) return [];
  return inStack(store, policy.type)
    .filter((p) => asArray(props(p)[policy.target]).some((t) => pointsAt(t, store)))
    .flatMap((p) => asArray<S>((props(p).PolicyDocument as { Statement?: unknown } | undefined)?.Statement));
}
