import type { LocatedResource, StackTemplate } from './platform-assembly';
import { PlatformAssembly, referencedLogicalId } from './platform-assembly';
import { platformMetadataOf } from '../../core/platform-metadata';

/** The partition a region belongs to, for resolving `{ Ref: AWS::Partition }` in templates. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * A template value as a plain string where it can be worked out from the template alone: literals, `Fn::Join` of
 * literals and the pseudo parameters of the stack's environment. Anything else is undefined.
 */
export function flatten(value: unknown, stack: StackTemplate): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') {
    const pseudo: Record<string, string | undefined> = {
      'AWS::Partition': partitionOf(stack.region),
      'AWS::Region': stack.region,
      'AWS::AccountId': stack.account,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    return pseudo[v.Ref];
  }
  const join = v['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = (join[1] as unknown[]).map((p) => flatten(p, stack));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

/** True when `value` is, or contains, a Ref or GetAtt of `logicalId`. */
export function refersTo(value: unknown, logicalId: string): boolean {
  if (referencedLogicalId(value) === logicalId) return true;
  if (Array.isArray(value)) return value.some((v) => refersTo(v, logicalId));
  if (value && typeof value === 'object') return Object.values(value).some((v) => refersTo(v, logicalId));
  return false;
}

/** `x` as an array: undefined is empty, a single value is one element. */
export function asArray<T>(x: T | readonly T[] | undefined | null): T[];
export function asArray<T = unknown>(x: unknown): T[];
export function asArray(x: unknown): unknown[] {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) ? [...(x as unknown[])] : [x];
}

/** Property of a located resource, by name. */
export function prop(r: LocatedResource, name: string): unknown {
  return r.resource.Properties?.[name];
}

/** One platform environment found in an assembly: its stacks and the config facts recorded in their metadata. */
export interface PlatformEnvironment {
  readonly name: string;
  readonly stacks: readonly StackTemplate[];
  readonly account?: string;
  readonly primaryRegion?: string;
  readonly recoveryRegion?: string;
  readonly optOuts: Record<string, unknown>;
}

/** Groups the stacks that carry platform metadata by environment; stacks without it are left out. */
export function platformEnvironments(assembly: PlatformAssembly): PlatformEnvironment[] {
  const groups = new Map<string, StackTemplate[]>();
  for (const stack of assembly.stacks) {
    const meta = platformMetadataOf(stack.template);
    if (!meta || typeof meta.environment !== 'string') continue;
    groups.set(meta.environment, [...(groups.get(meta.environment) ?? []), stack]);
  }
  return [...groups.entries()].map(([name, stacks]) => {
    const meta = platformMetadataOf(stacks[0].template);
    return {
      name,
      stacks,
      account: stacks.find((s) => s.account)?.account,
      primaryRegion: meta?.primaryRegion,
      recoveryRegion: meta?.recoveryRegion,
      optOuts: meta?.optOuts ?? {},
    };
  });
}

/** Every resource of the given types in the given stacks. */
export function resourcesIn(stacks: readonly StackTemplate[], ...types: string[]): LocatedResource[] {
  return new PlatformAssembly(stacks).resourcesOfType(...types);
}
