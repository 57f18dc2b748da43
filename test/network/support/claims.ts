import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { AssemblyCheck } from '../../../lib/compliance/assembly/assembly-check';
import { CfnTemplate, PlatformAssembly } from '../../../lib/compliance/assembly/platform-assembly';
import { runAssemblyChecks } from '../../../lib/compliance/assembly/run-assembly-checks';
import { ClaimRule } from '../../../lib/compliance/rules/claim-rule';
import { referenceAssembly } from '../../support/reference-assembly';

export { referenceClaimStatus, referenceRuleResults } from '../../support/claims-support';

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

export const referenceCheckResults = (checks: readonly AssemblyCheck[]) =>
  runAssemblyChecks(referenceAssembly(), checks);

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
