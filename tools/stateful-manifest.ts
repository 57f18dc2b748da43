import type { PlatformAssembly } from '../lib/compliance/template/platform-assembly';
import { StatefulEntry, statefulResources, toStatefulEntry } from './stateful-resources';

/**
 * The committed list of stateful resources (docs/stateful-resources.json). A resource that disappears or changes
 * logical ID is replaced by CloudFormation, which can lose its data; such a change must name its migration.
 */
export interface StatefulManifest {
  readonly resources: readonly StatefulEntry[];
  /** Resources deliberately removed or renamed, each with how its data was moved. */
  readonly migrations: readonly (StatefulEntry & { readonly note: string })[];
}

/** Stateful entries of an assembly, with the environment prefix dropped from stack names (`prod-Data` -> `Data`). */
export function currentStatefulEntries(assembly: PlatformAssembly, environment: string): StatefulEntry[] {
  return statefulResources(assembly)
    .map(toStatefulEntry)
    .map((e) => ({ ...e, stack: e.stack.replace(new RegExp(`^${environment}-`), '') }))
    .sort((a, b) => `${a.stack}/${a.logicalId}`.localeCompare(`${b.stack}/${b.logicalId}`));
}

/** Differences between the manifest and an assembly, as sentences; empty when they agree. */
export function compareStatefulManifest(manifest: StatefulManifest, current: readonly StatefulEntry[]): string[] {
  const key = (e: StatefulEntry) => `${e.stack}/${e.logicalId}`;
  const now = new Map(current.map((e) => [key(e), e]));
  const listed = new Map(manifest.resources.map((e) => [key(e), e]));
  const migrated = new Set(manifest.migrations.map(key));
  const problems: string[] = [];
  for (const [k, e] of listed) {
    const found = now.get(k);
    if (!found && !migrated.has(k)) {
      problems.push(
        `${k} (${e.type}) is gone or renamed: CloudFormation would replace it and its data. Restore the construct ID, or move it to "migrations" with a note on how the data was moved.`,
      );
    } else if (found && found.type !== e.type) {
      problems.push(`${k} changed type from ${e.type} to ${found.type}.`);
    }
  }
  for (const [k, e] of now) {
    if (!listed.has(k))
      problems.push(
        `${k} (${e.type}) is new: add it to docs/stateful-resources.json (npm run stateful-manifest -- --write).`,
      );
  }
  return problems;
}
