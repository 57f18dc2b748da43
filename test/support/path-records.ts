import { evaluatePaths, PathKind, PathRecord, PathRequirementBase } from '../../lib/compliance/paths';
import type { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import { REFERENCE_ENVIRONMENT } from './reference-constants';

/** The records of one path kind in the reference environment of an assembly (the reference or a mutated copy). */
export function referencePathRecords<R extends PathRequirementBase>(
  assembly: PlatformAssembly,
  kind: PathKind<R>,
): PathRecord[] {
  return evaluatePaths(assembly, kind).filter((p) => p.environment === REFERENCE_ENVIRONMENT);
}

/** One record by id; a missing id throws, naming the ids there are. */
export function referencePathById<R extends PathRequirementBase>(
  assembly: PlatformAssembly,
  kind: PathKind<R>,
  id: string,
): PathRecord {
  const records = referencePathRecords(assembly, kind);
  const found = records.find((p) => p.id === id);
  if (!found) throw new Error(`no path ${id}: ${records.map((p) => p.id).join(', ')}`);
  return found;
}
