import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { ClaimId } from './claims/claim';
import { PlatformConstructError } from './errors';

export interface FindingAcknowledgment {
  /**
   * The finding as its pack names it (`AwsSolutions-S1`, `Claims-HA1-ServiceRedundantDeployment[FewerThanThreeTasks]`),
   * or as CDK's report prints it after "Acknowledge with" (`AwsSolutions::AwsSolutions-S1`).
   */
  readonly rule: string;
  /** The claim the decision touches; the evidence groups acknowledgments by it. */
  readonly claim: ClaimId;
  /** Why the finding does not apply or how it is mitigated, specifically enough for an auditor to accept. */
  readonly reason: string;
}

/**
 * Construct metadata entry beside CDK's `aws:cdk:acknowledged-rules`, mapping each acknowledged id to its claim.
 * CDK writes both into the stack's `.metadata.json`, where the evidence reads them.
 */
export const ACKNOWLEDGMENT_CLAIM_METADATA_KEY = 'pocketcity:acknowledgment-claim';

/** Reasons shorter than this are rejected: "not needed" is not a decision an auditor can accept. */
export const MIN_ACKNOWLEDGMENT_REASON_LENGTH = 40;

/**
 * The id CDK's validation report records for a finding of `rule`: `AwsSolutions::AwsSolutions-S1`. A rule already in
 * that form (pasted from CDK's "Acknowledge with '...'") is kept as it is.
 */
export function acknowledgmentId(rule: string): string {
  return findingRule(rule) === rule ? `${rule.split('-')[0]}::${rule}` : rule;
}

/** The rule of a finding id, without the pack prefix CDK adds: `AwsSolutions::AwsSolutions-S1` -> `AwsSolutions-S1`. */
export function findingRule(id: string): string {
  // Only a '::' outside brackets separates the prefix: `AwsSolutions-IAM5[Resource::*]` has none.
  let depth = 0;
  for (let i = 0; i < id.length - 1; i++) {
    if (id[i] === '[') depth++;
    else if (id[i] === ']') depth--;
    else if (depth === 0 && id[i] === ':' && id[i + 1] === ':') return id.slice(i + 2);
  }
  return id;
}

/**
 * Acknowledges a finding on `scope` as CDK's validation report records it (`AwsSolutions::AwsSolutions-S1`), and
 * records the claim it touches as its own metadata entry.
 */
export function acknowledgeFinding(scope: IConstruct, ...acks: FindingAcknowledgment[]): void {
  for (const ack of acks) {
    if (ack.reason.trim().length < MIN_ACKNOWLEDGMENT_REASON_LENGTH) {
      throw new PlatformConstructError({
        code: 'acknowledgeFinding.reason',
        scope,
        setting: `reason (of ${ack.rule})`,
        value: ack.reason,
        problem: `is shorter than ${MIN_ACKNOWLEDGMENT_REASON_LENGTH} characters`,
        fix: 'say specifically why the finding does not apply or how it is mitigated',
      });
    }
    const id = acknowledgmentId(ack.rule);
    if (/\[.*::.*\]$/.test(findingRule(ack.rule))) {
      // Granular findings such as `AwsSolutions-IAM5[Resource::*]` contain '::', which Validations.acknowledge
      // rejects (cdk-nag #2351, #2359); record the same metadata entry it would write, as those issues advise.
      scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: ack.reason });
    } else {
      Validations.of(scope).acknowledge({ id, reason: ack.reason });
    }
    scope.node.addMetadata(ACKNOWLEDGMENT_CLAIM_METADATA_KEY, { [id]: ack.claim });
  }
}
