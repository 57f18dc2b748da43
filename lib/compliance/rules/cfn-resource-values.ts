import { CfnResource, Stack } from 'aws-cdk-lib';
import { referencedLogicalId } from '../assembly/platform-assembly';

/**
 * Readers every claims rule shares. Rules judge one CfnResource but sometimes need its neighbours; those are found
 * in the resource's own stack by logical ID, which works alike for a live construct tree and a template loaded
 * with CfnInclude (how the evidence runs the rules).
 */

/** A resource's properties as CloudFormation will see them (PascalCase, tokens resolved to intrinsics). */
export function cfnProperties(node: CfnResource): Record<string, unknown> {
  const rendered = Stack.of(node).resolve(
    (
      node as unknown as {
        _toCloudFormation(): { Resources: Record<string, { Properties?: Record<string, unknown> }> };
      }
    )._toCloudFormation(),
  ) as { Resources: Record<string, { Properties?: Record<string, unknown> }> };
  return Object.values(rendered.Resources)[0]?.Properties ?? {};
}

export function logicalIdOf(node: CfnResource): string {
  return Stack.of(node).resolve(node.logicalId) as string;
}

/** Every CloudFormation resource of `type` in the stack of `node`. */
export function resourcesOfType(node: CfnResource, type: string): CfnResource[] {
  return Stack.of(node)
    .node.findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === type);
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
