import type { ContainerKeyValue, TaskDefinitionProps } from '../../template/cfn/ecs';
import { asArray } from '../../template/template-values';
import { modelResourceCheck } from '../check';

/** Stripe key formats: secret, restricted and publishable-looking secret keys, and webhook signing secrets. */
const STRIPE_VALUE = /\b(sk|rk)_(live|test)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9]+/;
const STRIPE_NAME = /stripe/i;

/**
 * BILLING-1: no container of any task definition carries a Stripe key as a plain environment value (where it would
 * sit in the template, the task definition and `DescribeTaskDefinition` output); Stripe keys come as ECS secrets.
 */
export const noStripeKeyInEnvironment = modelResourceCheck<TaskDefinitionProps>({
  id: 'BILLING1-NoStripeKeyInEnvironment',
  claims: ['BILLING-1'],
  failure: 'A task definition passes a Stripe key in a plain environment value.',
  description:
    'BILLING-1: a Stripe key in an environment value is readable by anyone who can describe the task definition or read the template; Stripe keys must be ECS secrets from Secrets Manager.',
  types: ['AWS::ECS::TaskDefinition'],
  judge: (taskDefinition) => {
    const findings: string[] = [];
    for (const container of taskDefinition.props.ContainerDefinitions ?? []) {
      for (const entry of asArray<ContainerKeyValue>(container.Environment)) {
        const name = String(entry.Name ?? '');
        const value = typeof entry.Value === 'string' ? entry.Value : JSON.stringify(entry.Value ?? '');
        if (STRIPE_NAME.test(name) || STRIPE_VALUE.test(value)) findings.push(`${container.Name ?? '?'}.${name}`);
      }
    }
    return findings.length ? findings : true;
  },
});
