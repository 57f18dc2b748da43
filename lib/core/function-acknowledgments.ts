import { IConstruct } from 'constructs';
import { acknowledgeFinding, FindingAcknowledgment } from './acknowledge';

/**
 * Why a function in the VPC keeps `Resource *` for its network-interface actions: what every VPC function of the
 * platform says first, before naming what its other statements are limited to.
 */
export const VPC_NETWORK_INTERFACES_REASON =
  'Lambda attaches a function to a VPC through network interfaces whose ids do not exist before it creates them; the EC2 network-interface actions have no narrower resource.';

/**
 * The NIST and HIPAA packs' Lambda rules (a dead-letter queue, reserved concurrency) for a function that a deploy, a
 * schedule or an event runs a few times at most: acknowledged on both packs with the function's own reasons.
 */
export function acknowledgeRarelyRunFunction(
  fn: IConstruct,
  claim: FindingAcknowledgment['claim'],
  reasons: { readonly deadLetterQueue: string; readonly concurrency: string },
): void {
  for (const pack of ['NIST.800.53.R5', 'HIPAA.Security']) {
    acknowledgeFinding(
      fn,
      { rule: `${pack}-LambdaDLQ`, claim, reason: reasons.deadLetterQueue },
      { rule: `${pack}-LambdaConcurrency`, claim, reason: reasons.concurrency },
    );
  }
}
