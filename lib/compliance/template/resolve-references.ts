import { LocatedResource, PlatformAssembly, StackTemplate } from './platform-assembly';
import { asArray } from './template-values';

/**
 * The resource a value points at: a Ref / GetAtt in the same template, or an output of another stack read through
 * `Fn::GetStackOutput` (CDK's weak cross-stack references) or `Fn::ImportValue`.
 */
export function resolveResource(
  assembly: PlatformAssembly,
  stack: StackTemplate,
  value: unknown,
): LocatedResource | undefined {
  return resolveReference(assembly, stack, value)?.resource;
}

/**
 * What a value reads: the resource, and the attribute of an `Fn::GetAtt` (undefined for a `Ref`), followed through
 * `Fn::GetStackOutput` and `Fn::ImportValue` into the stack that produced it. The attribute tells a cluster's master
 * secret from its endpoint, which both resolve to the cluster.
 */
export function resolveReference(
  assembly: PlatformAssembly,
  stack: StackTemplate,
  value: unknown,
): { resource: LocatedResource; attribute?: string } | undefined {
  const local = assembly.resolveLocal(stack, value);
  if (local) return { resource: local, attribute: getAttAttribute(value) };
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const getOutput = v['Fn::GetStackOutput'] as { StackName?: string; Region?: string; OutputName?: string } | undefined;
  if (getOutput?.OutputName) {
    const other = assembly.stacks.find(
      (s) =>
        // A validation plugin names stacks by template file; CDK's default stack name is the path with dashes.
        (s.stackName === getOutput.StackName || s.constructPath.replace(/\//g, '-') === getOutput.StackName) &&
        (!getOutput.Region || !s.region || s.region === getOutput.Region),
    );
    const output = other?.template.Outputs?.[getOutput.OutputName] as { Value?: unknown } | undefined;
    return other && output ? resolveReference(assembly, other, output.Value) : undefined;
  }
  const imported = v['Fn::ImportValue'];
  if (typeof imported === 'string') {
    for (const other of assembly.stacks) {
      for (const output of Object.values(other.template.Outputs ?? {}) as {
        Value?: unknown;
        Export?: { Name?: unknown };
      }[]) {
        if (output.Export?.Name === imported) return resolveReference(assembly, other, output.Value);
      }
    }
  }
  return undefined;
}

/** The attribute an `Fn::GetAtt` reads (long or short form); undefined for anything else. */
function getAttAttribute(value: unknown): string | undefined {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return typeof getAtt[1] === 'string' ? getAtt[1] : undefined;
  return typeof getAtt === 'string' ? getAtt.split('.').slice(1).join('.') || undefined : undefined;
}

/** The zones of the subnets a list of subnet references points at; unresolvable ones count as no zone. */
export function subnetZones(assembly: PlatformAssembly, stack: StackTemplate, subnets: unknown): string[] {
  return asArray(subnets)
    .map((s) => resolveResource(assembly, stack, s))
    .map((s) => s?.resource.Properties?.AvailabilityZone)
    .filter((z): z is string => typeof z === 'string');
}
