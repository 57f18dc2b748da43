import { App, CfnResource, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { NagRuleCompliance } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CHECKS } from '../../lib/compliance/registry';
import { Check } from '../../lib/compliance/checks/check';
import { CfnTemplate, PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import { runChecks } from '../../lib/compliance/checks/run-checks';
import { ClaimId } from '../../lib/core/claims/claim';
import { DATA_CLASSIFICATION_TAG, DataClassification } from '../../lib/core/requirements/data-classification';
import { referenceAssembly } from './reference-assembly';
import { referenceClaimEvidence, referenceRuleResults } from './reference-judgement';

export { referenceClaimEvidence, referenceRuleResults };

/** Raw template JSON, edited freely by the weakening tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a weakened template is edited as free-form JSON
export type RawJson = any;

/** A check that judges resources one by one (what the claims pack's rules were). */
const isPerResource = (c: Check) => 'judge' in c;

/** Every check naming `claim`: the per-resource ones (`rules`) and those across the stage (`checks`). */
export function checksOf(claim: ClaimId): { rules: Check[]; checks: Check[] } {
  const of = CHECKS.filter((c) => c.claims.includes(claim));
  return { rules: of.filter(isPerResource), checks: of.filter((c) => !isPerResource(c)) };
}

/** Every failing result of `claim`'s checks on the reference platform, one line each. */
export function referenceFailures(claim: ClaimId): string[] {
  const { rules, checks } = checksOf(claim);
  return [
    ...referenceRuleResults(rules)
      .filter((r) => r.status === 'fail')
      .map((r) => `${r.ruleId} ${r.stackName}/${r.logicalId}: ${r.detail}`),
    ...checks.flatMap((check) => failuresOf(check, referenceAssembly()).map((f) => `${check.id}: ${f}`)),
  ];
}

/** The status the evidence gives `claim` on the reference platform, and why. */
export function referenceClaimStatus(claim: ClaimId): { status: string; reason: string } {
  const c = referenceClaimEvidence(claim);
  return { status: c.status, reason: c.statusReason };
}

/** A copy of the reference assembly whose templates `mutate` weakened (keyed by stack id: Data, Service, Recovery, ...). */
export function weakenedReference(
  mutate: (
    stackId: string,
    template: CfnTemplate & { Resources: Record<string, RawJson>; Metadata: Record<string, RawJson> },
  ) => void,
): PlatformAssembly {
  return new PlatformAssembly(
    referenceAssembly().stacks.map((s) => {
      const template = JSON.parse(JSON.stringify(s.template));
      mutate(s.stackName.replace(/^[^-]+-/, ''), template);
      return { ...s, template };
    }),
  );
}

export function failuresOf(check: Check, assembly: PlatformAssembly): string[] {
  return runChecks(assembly, [check])
    .filter((r) => r.status === 'fail')
    .map((r) => r.detail);
}

export function passesOf(check: Check, assembly: PlatformAssembly): string[] {
  return runChecks(assembly, [check])
    .filter((r) => r.status === 'pass')
    .map((r) => r.detail);
}

/** Every resource of `type` in `resources`, as [logicalId, resource]. */
export function ofType(resources: Record<string, RawJson>, type: string): [string, RawJson][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

/** A fresh stack with an explicit environment, for deliberately weak resources. */
export function scratchStack(): Stack {
  return new Stack(new App(), 'Weak', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/**
 * Runs `check` on the synthesized template of the stack of `scope`, and gives its verdict on every resource of
 * `scope` (of `type`, when given) it judged, in template order: COMPLIANT, NON_COMPLIANT, or the findings.
 */
export function judge(check: Check, scope: IConstruct, type?: string): (string | string[])[] {
  const stack = Stack.of(scope);
  const template = Template.fromStack(stack).toJSON() as CfnTemplate;
  const model = new PlatformAssembly([
    {
      stackName: stack.stackName,
      constructPath: stack.node.path,
      account: stack.account.startsWith('${') ? undefined : stack.account,
      region: stack.region.startsWith('${') ? undefined : stack.region,
      templatePath: '',
      template,
    },
  ]);
  const inScope = new Set(
    scope.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && (!type || c.cfnResourceType === type))
      .map((c) => stack.resolve(c.logicalId) as string),
  );
  const results = runChecks(model, [check]).filter((r) => r.resource && inScope.has(r.resource.logicalId));
  return Object.keys(template.Resources ?? {}).flatMap((logicalId) => {
    const mine = results.filter((r) => r.resource!.logicalId === logicalId);
    if (mine.length === 0) return [];
    const failures = mine.filter((r) => r.status === 'fail');
    if (failures.length === 0) return [NagRuleCompliance.COMPLIANT];
    const findings = failures.map((r) => r.finding).filter((f): f is string => f !== undefined);
    return [findings.length ? findings : NagRuleCompliance.NON_COMPLIANT];
  });
}

/** Declares a store as holding customer data, as EncryptedUploadBucket does (checks read the tag, never the name). */
export function asCustomerData<T extends IConstruct>(
  store: T,
  classification: DataClassification = 'customer-data',
): T {
  Tags.of(store).add(DATA_CLASSIFICATION_TAG, classification);
  return store;
}
