import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ASSEMBLY_CHECKS } from '../../lib/compliance/assembly';
import { AssemblyCheck } from '../../lib/compliance/assembly/assembly-check';
import { CfnTemplate, PlatformAssembly } from '../../lib/compliance/assembly/platform-assembly';
import { runAssemblyChecks } from '../../lib/compliance/assembly/run-assembly-checks';
import { ClaimId } from '../../lib/core/claims/claim';
import { CLAIM_RULES } from '../../lib/compliance/rules';
import { ClaimRule } from '../../lib/compliance/rules/claim-rule';
import { referenceAssembly } from './reference-assembly';
import { referenceClaimEvidence, referenceRuleResults } from './reference-judgement';

export { referenceClaimEvidence, referenceRuleResults };

/** Raw template JSON, edited freely by the weakening tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a weakened template is edited as free-form JSON
export type RawJson = any;

/** Every rule and check of any area that names `claim`. */
export function checksOf(claim: ClaimId): { rules: ClaimRule[]; checks: AssemblyCheck[] } {
  return {
    rules: CLAIM_RULES.filter((r) => r.claims.includes(claim)),
    checks: ASSEMBLY_CHECKS.filter((c) => c.claims.includes(claim)),
  };
}

/** Every failing rule result and app-wide check result of `claim` on the reference platform, one line each. */
export function referenceFailures(claim: ClaimId): string[] {
  const { rules, checks } = checksOf(claim);
  return [
    ...referenceRuleResults(rules)
      .filter((r) => r.status === 'fail')
      .map((r) => `${r.ruleId} ${r.stackName}/${r.logicalId}${r.detail ? `: ${r.detail}` : ''}`),
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

export function failuresOf(check: AssemblyCheck, assembly: PlatformAssembly): string[] {
  return runAssemblyChecks(assembly, [check])
    .filter((r) => r.status === 'fail')
    .map((r) => r.detail);
}

export function passesOf(check: AssemblyCheck, assembly: PlatformAssembly): string[] {
  return runAssemblyChecks(assembly, [check])
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

/** Runs `rule` on the CloudFormation resources of `scope`, leaving out the ones it does not apply to. */
export function judge(rule: ClaimRule, scope: IConstruct): NagRuleResult[] {
  return scope.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c))
    .map((c) => rule.check(c))
    .filter((r) => r !== NagRuleCompliance.NOT_APPLICABLE);
}
