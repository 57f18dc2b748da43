import { CfnResource, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';

/** Stripe key formats: secret, restricted and publishable-looking secret keys, and webhook signing secrets. */
const STRIPE_VALUE = /\b(sk|rk)_(live|test)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9]+/;
const STRIPE_NAME = /stripe/i;

interface EnvironmentEntry {
  readonly name?: unknown;
  readonly value?: unknown;
}

/**
 * BILLING-1: no container of any task definition carries a Stripe key as a plain environment value (where it would
 * sit in the template, the task definition and `DescribeTaskDefinition` output); Stripe keys come as ECS secrets.
 */
export const noStripeKeyInEnvironment: ClaimRule = {
  id: 'BILLING1-NoStripeKeyInEnvironment',
  claims: ['BILLING-1'],
  info: 'A task definition passes a Stripe key in a plain environment value.',
  explanation:
    'BILLING-1: a Stripe key in an environment value is readable by anyone who can describe the task definition or read the template; Stripe keys must be ECS secrets from Secrets Manager.',
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== ecs.CfnTaskDefinition.CFN_RESOURCE_TYPE_NAME) return NagRuleCompliance.NOT_APPLICABLE;
    const containers = Stack.of(node).resolve((node as ecs.CfnTaskDefinition).containerDefinitions) as
      { name?: string; environment?: EnvironmentEntry[] }[] | undefined;
    const findings: string[] = [];
    for (const container of containers ?? []) {
      for (const entry of container.environment ?? []) {
        const name = String(entry.name ?? '');
        const value = typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value ?? '');
        if (STRIPE_NAME.test(name) || STRIPE_VALUE.test(value)) findings.push(`${container.name ?? '?'}.${name}`);
      }
    }
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
