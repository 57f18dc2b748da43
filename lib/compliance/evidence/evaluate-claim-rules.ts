import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { NagRuleCompliance } from 'cdk-nag';
import { IConstruct } from 'constructs';
import type { PlatformAssembly, StackTemplate, TemplateResource } from '../assembly/platform-assembly';
import { CLAIMS_PACK_NAME } from '../packs/claims-checks';
import { judgingOnce } from '../rules/cfn-resource-values';
import { ClaimRule } from '../rules/claim-rule';

/** One rule judged on one resource; unlike cdk-nag's report, passing results are kept. */
export interface RuleResult {
  readonly ruleId: string;
  readonly stackName: string;
  readonly region?: string;
  readonly logicalId: string;
  readonly type: string;
  readonly status: 'pass' | 'fail' | 'acknowledged';
  /** For a rule that returns findings: which one. For a rule that threw: why. */
  readonly detail?: string;
  /** The template values that make the claim true (the rule's `evidenceProperties`). */
  readonly properties: Record<string, unknown>;
}

/**
 * Runs the claims-pack rules on synthesized templates. Each template is loaded back into an in-memory CDK stack
 * with `CfnInclude`, so the very same rule functions that gate `cdk synth` judge what was written to `cdk.out`.
 */
export function evaluateClaimRules(assembly: PlatformAssembly, rules: readonly ClaimRule[]): RuleResult[] {
  return assembly.stacks.flatMap((stackTemplate) => judgingOnce(() => evaluateStack(stackTemplate, rules)));
}

function evaluateStack(stackTemplate: StackTemplate, rules: readonly ClaimRule[]): RuleResult[] {
  const app = new App();
  const stack = new Stack(app, 'Evidence', {
    env: { account: stackTemplate.account, region: stackTemplate.region },
  });
  new CfnInclude(stack, 'Template', { templateFile: includableTemplateFile(stackTemplate) });
  const results: RuleResult[] = [];
  for (const node of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(node)) continue;
    const logicalId = node.node.id;
    const templateResource = stackTemplate.template.Resources?.[logicalId];
    if (!templateResource) continue;
    const acknowledged = acknowledgedRuleIds(templateResource);
    for (const rule of rules) {
      for (const outcome of judge(rule, node)) {
        const fullId = `${CLAIMS_PACK_NAME}-${rule.id}`;
        const ackId = outcome.finding ? `${fullId}[${outcome.finding}]` : fullId;
        const status = outcome.passed ? 'pass' : acknowledged.has(ackId) ? 'acknowledged' : 'fail';
        results.push({
          ruleId: rule.id,
          stackName: stackTemplate.stackName,
          region: stackTemplate.region,
          logicalId,
          type: templateResource.Type,
          status,
          detail: outcome.finding,
          properties: pick(templateResource.Properties ?? {}, rule.evidenceProperties ?? []),
        });
      }
    }
  }
  return results;
}

/**
 * CfnInclude does not parse `Fn::GetStackOutput` (CDK's cross-stack references). Each one becomes the string
 * `<stack>.<output>` in a temporary copy, which is all a rule needs to tell a foreign value from a missing one.
 */
function includableTemplateFile(stackTemplate: StackTemplate): string {
  const text = JSON.stringify(stackTemplate.template, (_key, value: unknown) => {
    const output = (value as Record<string, { StackName?: string; OutputName?: string }> | null)?.[
      'Fn::GetStackOutput'
    ];
    return output ? `${output.StackName}.${output.OutputName}` : value;
  });
  if (text === JSON.stringify(stackTemplate.template)) return stackTemplate.templatePath;
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-')),
    path.basename(stackTemplate.templatePath),
  );
  fs.writeFileSync(file, text);
  return file;
}

function judge(rule: ClaimRule, node: IConstruct & CfnResource): { passed: boolean; finding?: string }[] {
  try {
    const result = rule.check(node);
    if (result === NagRuleCompliance.COMPLIANT) return [{ passed: true }];
    if (result === NagRuleCompliance.NON_COMPLIANT) return [{ passed: false }];
    if (Array.isArray(result)) return result.map((finding) => ({ passed: false, finding }));
    return [];
  } catch (e) {
    return [{ passed: false, finding: `rule could not judge the resource: ${(e as Error).message}` }];
  }
}

/** Rule ids acknowledged on a resource, from the `cdk_nag` metadata block the packs write into templates. */
function acknowledgedRuleIds(resource: TemplateResource): Set<string> {
  const block = resource.Metadata?.cdk_nag as { rules_to_suppress?: { id: string }[] } | undefined;
  return new Set((block?.rules_to_suppress ?? []).map((r) => r.id.replace(/^[^:]+::/, '')));
}

function pick(properties: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    let value: unknown = properties;
    for (const key of p.split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value !== undefined) out[p] = value;
  }
  return out;
}
