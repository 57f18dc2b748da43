import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag';
import type { ClaimId } from '../../core/claims/claim';

/**
 * One rule of the claims pack: a pure function of one CloudFormation resource. Its cdk-nag id is
 * `Claims-<id>`, for example `Claims-DATA1-AuroraInstancesSpreadAcrossZones`.
 */
export interface ClaimRule {
  /** `<CLAIM WITHOUT DASH>-<PascalCaseName>`; unique across the pack. */
  readonly id: string;
  /** The claims this rule helps prove. */
  readonly claims: readonly ClaimId[];
  /** What was found when the rule fails. */
  readonly info: string;
  /** Why the rule exists, in terms of the claim. */
  readonly explanation: string;
  /** @default NagMessageLevel.ERROR */
  readonly level?: NagMessageLevel;
  /** Template property paths (dot-separated) quoted in the evidence as the values that make the claim true. */
  readonly evidenceProperties?: readonly string[];
  /** COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, or findings. Must not mutate the node. */
  readonly check: (node: CfnResource) => NagRuleResult;
}
