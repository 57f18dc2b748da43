import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { AssemblyCheck } from '../../../lib/compliance/assembly/assembly-check';
import { CfnTemplate, PlatformAssembly } from '../../../lib/compliance/assembly/platform-assembly';
import { runAssemblyChecks } from '../../../lib/compliance/assembly/run-assembly-checks';
import { ClaimId } from '../../../lib/compliance/claims/claim';
import { claimById } from '../../../lib/compliance/claims/register';
import { collectEvidence } from '../../../lib/compliance/evidence/collect-evidence';
import { evaluateClaimRules } from '../../../lib/compliance/evidence/evaluate-claim-rules';
import { ClaimRule } from '../../../lib/compliance/rules/claim-rule';
import { REFERENCE_ASSEMBLY_DIR, referenceAssembly } from '../../support/reference-assembly';

/** A region-only stack: zones stay tokens and nothing is looked up. */
export const scratchStack = () => new Stack(new App(), 'S', { env: { region: 'eu-west-1' } });

/** The rule's verdict on every resource of `stack` it applies to. */
export function judge(rule: ClaimRule, stack: Stack, type?: string): unknown[] {
  // Synthesize first: tags (the subnet tier) are applied by aspects during synthesis, as before a real validation.
  (stack.node.root as App).synth();
  return stack.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && (!type || c.cfnResourceType === type))
    .map((c) => rule.check(c))
    .filter((r) => r !== NagRuleCompliance.NOT_APPLICABLE);
}

export const referenceRuleResults = (rules: readonly ClaimRule[]) => evaluateClaimRules(referenceAssembly(), rules);
export const referenceCheckResults = (checks: readonly AssemblyCheck[]) =>
  runAssemblyChecks(referenceAssembly(), checks);

/** The status the evidence gives `claim` on the reference platform, judged by every check of every area. */
export function referenceClaimStatus(claim: ClaimId): { status: string; reason: string } {
  const report = collectEvidence({
    outdir: REFERENCE_ASSEMBLY_DIR,
    repoRoot: path.join(__dirname, '../../..'),
    claims: [claimById(claim)],
  });
  const c = report.environments[0].claims[0];
  return { status: c.status, reason: c.statusReason };
}

/** An assembly of in-memory templates, for weakened app-wide cases. */
export function assemblyOf(templates: Record<string, CfnTemplate>): PlatformAssembly {
  return new PlatformAssembly(
    Object.entries(templates).map(([stackName, template]) => ({
      stackName,
      constructPath: stackName.replace(/-/g, '/'),
      region: 'eu-west-1',
      templatePath: '',
      template,
    })),
  );
}
