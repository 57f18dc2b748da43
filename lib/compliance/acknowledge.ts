import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { ClaimId } from './claims/claim';

export interface FindingAcknowledgment {
  /** The finding as cdk-nag names it, for example `AwsSolutions-S1` or `NIST.800.53.R5-S3BucketReplicationEnabled`. */
  readonly rule: string;
  /** The claim the decision touches; the evidence groups acknowledgments by it. */
  readonly claim: ClaimId;
  /** Why the finding does not apply or how it is mitigated, specifically enough for an auditor to accept. */
  readonly reason: string;
}

/** Reasons shorter than this are rejected: "not needed" is not a decision an auditor can accept. */
const MIN_REASON_LENGTH = 40;

/**
 * Acknowledges a cdk-nag finding on `scope` in the pack-prefixed form CDK's validation report records
 * (`AwsSolutions::AwsSolutions-S1`), with the claim in the reason so the evidence can group it.
 */
export function acknowledgeFinding(scope: IConstruct, ...acks: FindingAcknowledgment[]): void {
  for (const ack of acks) {
    if (ack.reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(
        `Acknowledgment of ${ack.rule} on ${scope.node.path} has reason '${ack.reason}', shorter than ${MIN_REASON_LENGTH} characters. ` +
          'Say specifically why the finding does not apply or how it is mitigated.',
      );
    }
    const pack = ack.rule.split('-')[0];
    const id = `${pack}::${ack.rule}`;
    const reason = `[${ack.claim}] ${ack.reason}`;
    if (/\[.*::.*\]$/.test(ack.rule)) {
      // Granular findings such as `AwsSolutions-IAM5[Resource::*]` contain '::', which Validations.acknowledge
      // rejects (cdk-nag #2351, #2359); record the same metadata entry it would write, as those issues advise.
      scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
    } else {
      Validations.of(scope).acknowledge({ id, reason });
    }
  }
}

/** Splits a recorded reason back into claim and text. */
export function parseAcknowledgmentReason(reason: string): { claim?: ClaimId; text: string } {
  const m = /^\[([A-Z]+-\d+)\]\s*(.*)$/s.exec(reason);
  return m ? { claim: m[1] as ClaimId, text: m[2] } : { text: reason };
}
