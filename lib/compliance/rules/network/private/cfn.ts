import { CfnResource, Stack } from 'aws-cdk-lib';
import { referencedLogicalId } from '../../../assembly/platform-assembly';

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

/** True when `value` is a Ref / GetAtt of `target`. */
export function refersTo(value: unknown, target: CfnResource): boolean {
  return referencedLogicalId(value) === logicalIdOf(target);
}

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
