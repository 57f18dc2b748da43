import { App, Stack } from 'aws-cdk-lib';
import { Check } from '../../../lib/compliance/checks/check';
import { CfnTemplate, PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { runChecks } from '../../../lib/compliance/checks/run-checks';
import { referenceAssembly } from '../../support/reference-assembly';

export { judge, referenceClaimStatus, referenceRuleResults } from '../../support/claims-support';

/** A region-only stack: zones stay tokens and nothing is looked up. */
export const scratchStack = () => new Stack(new App(), 'S', { env: { region: 'eu-west-1' } });

export const referenceCheckResults = (checks: readonly Check[]) => runChecks(referenceAssembly(), checks);

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
