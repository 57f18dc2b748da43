import { noStripeKeyInEnvironment as check } from '../../../../lib/compliance/checks/billing-1/billing1-no-stripe-key-in-environment';
import { edited, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const service = {
  Resources: {
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        ContainerDefinitions: [
          {
            Name: 'app',
            Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }],
            Secrets: [{ Name: 'STRIPE_SECRET_KEY', ValueFrom: ref('StripeSecret') }],
          },
        ],
      },
    },
  },
};
const judged = (entry: { Name: string; Value: unknown }) =>
  verdicts(
    check,
    modelOf({
      'prod-Service': edited(service, (r) => r.Task.Properties.ContainerDefinitions[0].Environment.push(entry)),
    }),
  );

describe('BILLING1-NoStripeKeyInEnvironment', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Service': service }))).toEqual(['Task: compliant']);
  });

  test('Noncompliance 1: an environment variable named for Stripe', () => {
    expect(judged({ Name: 'STRIPE_API_KEY', Value: 'see vault' })).toEqual(['Task: app.STRIPE_API_KEY']);
  });

  test('Noncompliance 2: a Stripe key or webhook secret as a value', () => {
    expect(judged({ Name: 'PAYMENTS', Value: 'sk_live_abc123' })).toEqual(['Task: app.PAYMENTS']);
    expect(judged({ Name: 'HOOK', Value: { 'Fn::Join': ['', ['whsec_abc123', '']] } })).toEqual(['Task: app.HOOK']);
  });
});
