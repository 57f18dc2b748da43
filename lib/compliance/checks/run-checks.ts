import { Check, CheckResult } from './check';
import { PlatformAssembly } from '../template/platform-assembly';

export interface RecordedCheckResult extends CheckResult {
  readonly checkId: string;
}

/** Runs each check; a check that throws is a failing result, never a silent pass. */
export function runChecks(assembly: PlatformAssembly, checks: readonly Check[]): RecordedCheckResult[] {
  return checks.flatMap((check) => {
    let results: CheckResult[];
    try {
      results = check.run(assembly);
    } catch (e) {
      results = [{ status: 'fail', detail: `check threw: ${(e as Error).message}` }];
    }
    if (results.length === 0) results = [{ status: 'fail', detail: 'check found nothing to judge' }];
    return results.map((r) => ({ ...r, checkId: check.id }));
  });
}
