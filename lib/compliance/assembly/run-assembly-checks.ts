import { AssemblyCheck, AssemblyCheckResult } from './assembly-check';
import { PlatformAssembly } from './platform-assembly';

export interface RecordedAssemblyResult extends AssemblyCheckResult {
  readonly checkId: string;
}

/** Runs each check; a check that throws is a failing result, never a silent pass. */
export function runAssemblyChecks(
  assembly: PlatformAssembly,
  checks: readonly AssemblyCheck[],
): RecordedAssemblyResult[] {
  return checks.flatMap((check) => {
    let results: AssemblyCheckResult[];
    try {
      results = check.run(assembly);
    } catch (e) {
      results = [{ status: 'fail', detail: `check threw: ${(e as Error).message}` }];
    }
    if (results.length === 0) results = [{ status: 'fail', detail: 'check found nothing to judge' }];
    return results.map((r) => ({ ...r, checkId: check.id }));
  });
}
