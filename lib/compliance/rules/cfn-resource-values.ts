import { CfnResource, Stack } from 'aws-cdk-lib';
import { referencedLogicalId } from '../assembly/platform-assembly';

/**
 * Readers every claims rule shares. Rules judge one CfnResource but sometimes need its neighbours; those are found
 * in the resource's own stack by logical ID, which works alike for a live construct tree and a template loaded
 * with CfnInclude (how the evidence runs the rules).
 */

/**
 * What the readers have worked out during one judging. Rendering a resource resolves every token in it, and a rule
 * about a bucket reads every bucket policy of its stack, so without this each stack was rendered about once per
 * resource: a quarter of the claims pack's time per environment. Nothing changes the tree while it is judged.
 */
interface JudgingMemo {
  readonly properties: Map<CfnResource, Record<string, unknown>>;
  readonly logicalIds: Map<CfnResource, string>;
  readonly resources: Map<Stack, CfnResource[]>;
}

let memo: JudgingMemo | undefined;

/**
 * Runs `judge` (one pass of the rules over a finished tree) with the readers remembering what they render. Outside
 * it every read renders afresh, so a caller that changes the tree between reads still sees the change.
 */
export function judgingOnce<T>(judge: () => T): T {
  if (memo) return judge();
  memo = { properties: new Map(), logicalIds: new Map(), resources: new Map() };
  try {
    return judge();
  } finally {
    memo = undefined;
  }
}

function remembered<K, V>(map: Map<K, V> | undefined, key: K, work: () => V): V {
  if (!map) return work();
  let value = map.get(key);
  if (value === undefined) {
    value = work();
    map.set(key, value);
  }
  return value;
}

/** A resource's properties as CloudFormation will see them (PascalCase, tokens resolved to intrinsics). */
export function cfnProperties(node: CfnResource): Record<string, unknown> {
  return remembered(memo?.properties, node, () => {
    const rendered = Stack.of(node).resolve(
      (
        node as unknown as {
          _toCloudFormation(): { Resources: Record<string, { Properties?: Record<string, unknown> }> };
        }
      )._toCloudFormation(),
    ) as { Resources: Record<string, { Properties?: Record<string, unknown> }> };
    return Object.values(rendered.Resources)[0]?.Properties ?? {};
  });
}

export function logicalIdOf(node: CfnResource): string {
  return remembered(memo?.logicalIds, node, () => Stack.of(node).resolve(node.logicalId) as string);
}

/** Every CloudFormation resource of `type` in the stack of `node`. */
export function resourcesOfType(node: CfnResource, type: string): CfnResource[] {
  const stack = Stack.of(node);
  return remembered(memo?.resources, stack, () => stack.node.findAll().filter(CfnResource.isCfnResource)).filter(
    (r) => r.cfnResourceType === type,
  );
}

/** The resource of the stack of `node` that `value` (a Ref or GetAtt) points at. */
export function referencedResource(node: CfnResource, value: unknown, type: string): CfnResource | undefined {
  const id = referencedLogicalId(value);
  return id ? resourcesOfType(node, type).find((r) => logicalIdOf(r) === id) : undefined;
}

/** True when `value` is a Ref / GetAtt of `target`. */
export function refersToResource(value: unknown, target: CfnResource): boolean {
  return referencedLogicalId(value) === logicalIdOf(target);
}
