import { Check, RecordedCheckResult, runChecks } from '../checks';
import { CLAIMS_PLUGIN_NAME, claimsRuleName } from '../gate/claims-plugin';
import type { Acknowledgments, RecordedAcknowledgment } from '../template/acknowledgments';
import type { PlatformAssembly } from '../template/platform-assembly';

export interface JudgedResult extends Omit<RecordedCheckResult, 'status'> {
  readonly status: RecordedCheckResult['status'] | 'acknowledged';
  /** The acknowledgment that turned a failure into an accepted exception. */
  readonly acknowledgment?: RecordedAcknowledgment;
}

/**
 * Runs the checks on a model and applies the acknowledgments as CDK's validation applies them to the synth gate's
 * report, so the evidence and the gate reach the same verdicts from the same templates.
 */
export function judgeChecks(
  model: PlatformAssembly,
  checks: readonly Check[],
  acknowledgments: Acknowledgments,
): JudgedResult[] {
  return runChecks(model, checks).map((result): JudgedResult => {
    if (result.status !== 'fail' || !result.resource) return result;
    const id = `${CLAIMS_PLUGIN_NAME}::${claimsRuleName(result.checkId, result.finding)}`;
    const acknowledgment = acknowledgments.covering(id, model.constructPathOf(result.resource));
    return acknowledgment ? { ...result, status: 'acknowledged', acknowledgment } : result;
  });
}
