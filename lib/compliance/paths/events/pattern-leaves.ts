import { matchesPattern } from './event-pattern';

/**
 * The leaves of a pattern (paths to a field's array of values; a `$or` counts as one leaf), for the generated
 * pattern mutations.
 */
function leaves(pattern: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(pattern).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? leaves(v as Record<string, unknown>, [...prefix, k])
      : [[...prefix, k]],
  );
}

/** A top-level leaf of literal strings the event matched (detail-type first, then source), to change. */
export function matchedLeaf(pattern: Record<string, unknown>): { path: string[]; values: string[] } | undefined {
  for (const path of [['detail-type'], ['source'], ...leaves(pattern)]) {
    const v = valueAt(pattern, path);
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return { path, values: v };
  }
  return undefined;
}

/**
 * The leaves whose removal alone lets the event match. A removal takes the highest ancestor it would leave empty
 * with it (an empty object is not a pattern), and the template mutation removes the same path.
 */
export function rejectingLeaves(pattern: Record<string, unknown>, event: unknown): string[][] {
  const found: string[][] = [];
  for (const leaf of leaves(pattern)) {
    const path = removalPath(pattern, leaf);
    if (path.length === 0) continue;
    const copy = structuredClone(pattern);
    deleteAt(copy, path);
    try {
      if (Object.keys(copy).length > 0 && matchesPattern(copy, event)) found.push(path);
    } catch {
      // A pattern the matcher cannot read proves nothing.
    }
  }
  return found;
}

function removalPath(pattern: Record<string, unknown>, leaf: string[]): string[] {
  let path = leaf;
  while (path.length > 1) {
    const parent = valueAt(pattern, path.slice(0, -1)) as Record<string, unknown>;
    if (Object.keys(parent).length > 1) break;
    path = path.slice(0, -1);
  }
  return path;
}

function valueAt(root: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const k of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
  return node;
}

function deleteAt(root: Record<string, unknown>, path: readonly string[]): void {
  const parent = valueAt(root, path.slice(0, -1)) as Record<string, unknown>;
  delete parent[path[path.length - 1]];
}
