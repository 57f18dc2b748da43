import type { ClaimId } from '../../../core/claims/claim';
import { controlsOfCheck, FrameworkControls } from '../../../core/frameworks';
import { CHECKS } from '../../registry';

/** The check id of an evidence row (`Claims-<check id>`, the rule name the gate reports). */
export const checkIdOf = (evidenceId: string): string => evidenceId.replace(/^Claims-/, '');

/** A check's control ids: its claims' (every claim it names in the registry) and its own narrower ones. */
export function checkControls(evidenceId: string, claim: ClaimId): FrameworkControls[] {
  const id = checkIdOf(evidenceId);
  return controlsOfCheck(id, CHECKS.find((c) => c.id === id)?.claims ?? [claim]);
}

/** The NIST SP 800-53 labels of a check. */
export const nistLabelsOfCheck = (evidenceId: string, claim: ClaimId): readonly string[] =>
  checkControls(evidenceId, claim).find((c) => c.framework === 'NIST SP 800-53 rev5')?.ids ?? [];
