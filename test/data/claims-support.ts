import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { AssemblyCheck } from '../../lib/compliance/assembly/assembly-check';
import { DATA_ASSEMBLY_CHECKS } from '../../lib/compliance/assembly/data';
import { CfnTemplate, PlatformAssembly } from '../../lib/compliance/assembly/platform-assembly';
import { runAssemblyChecks } from '../../lib/compliance/assembly/run-assembly-checks';
import { ClaimId } from '../../lib/compliance/claims/claim';
import { claimById } from '../../lib/compliance/claims/register';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { evaluateClaimRules, RuleResult } from '../../lib/compliance/evidence/evaluate-claim-rules';
import { ClaimRule } from '../../lib/compliance/rules/claim-rule';
import { DATA_RULES } from '../../lib/compliance/rules/data';
import { referenceAssembly } from '../support/reference-assembly';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';

/** Raw template JSON, poked into by the weakening tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a weakened template is edited as free-form JSON
export type RawJson = any;

/** The data area's rules and checks that name `claim`. */
export function dataChecksOf(claim: ClaimId): { rules: ClaimRule[]; checks: AssemblyCheck[] } {
  return {
    rules: DATA_RULES.filter((r) => r.claims.includes(claim)),
    checks: DATA_ASSEMBLY_CHECKS.filter((c) => c.claims.includes(claim)),
  };
}

/** Every result of `rules` on the reference platform. */
export function referenceRuleResults(rules: readonly ClaimRule[]): RuleResult[] {
  return evaluateClaimRules(referenceAssembly(), rules);
}

/** The status the evidence gives `claim` on the reference platform, judged by the data area's checks only. */
export function referenceClaimStatus(claim: ClaimId): { status: string; reason: string } {
  const { rules, checks } = dataChecksOf(claim);
  const report = collectEvidence({
    outdir: REFERENCE_ASSEMBLY_DIR,
    rules,
    assemblyChecks: checks,
    claims: [claimById(claim)],
  });
  const c = report.environments[0].claims[0];
  return { status: c.status, reason: c.statusReason };
}

/** A copy of the reference assembly whose templates `mutate` weakened (keyed by stack id: Data, Recovery, ...). */
export function weakenedReference(
  mutate: (stackId: string, template: CfnTemplate & { Resources: Record<string, RawJson> }) => void,
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

/** Every resource of `type` in `resources`, by logical id. */
export function ofType(resources: Record<string, RawJson>, type: string): [string, RawJson][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

/** A fresh stack with an explicit environment, for deliberately weak resources. */
export function scratchStack(): Stack {
  return new Stack(new App(), 'Weak', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/** Runs `rule` on the CloudFormation resources of `scope`. */
export function judge(rule: ClaimRule, scope: IConstruct): NagRuleResult[] {
  return scope.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c))
    .map((c) => rule.check(c))
    .filter((r) => r !== NagRuleCompliance.NOT_APPLICABLE);
}
