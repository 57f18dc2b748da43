import { stripeSecretsReadOnlyByService as check } from '../../../../lib/compliance/checks/billing-1/billing1-stripe-secrets-read-only-by-service';
import { STRIPE_SECRET_TAG } from '../../../../lib/core/requirements/billing';
import { Change, edited, getAtt, kmsKey, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const billing = {
  Resources: {
    Key: kmsKey(),
    Secret: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: { Tags: [{ Key: STRIPE_SECRET_TAG.key, Value: STRIPE_SECRET_TAG.value }], KmsKeyId: getAtt('Key') },
    },
    Policy: {
      Type: 'AWS::SecretsManager::ResourcePolicy',
      Properties: {
        SecretId: ref('Secret'),
        ResourcePolicy: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
              Condition: { ArnNotEquals: { 'aws:PrincipalArn': [getAtt('ExecutionRole')] } },
            },
          ],
        },
      },
    },
    ExecutionRole: { Type: 'AWS::IAM::Role', Properties: {} },
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        ExecutionRoleArn: getAtt('ExecutionRole'),
        ContainerDefinitions: [{ Name: 'app', Secrets: [{ Name: 'STRIPE_SECRET_KEY', ValueFrom: ref('Secret') }] }],
      },
    },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Service': edited(billing, change) }));
const allowed = (r: Parameters<Change>[0], readers: unknown[]) =>
  (r.Policy.Properties.ResourcePolicy.Statement[0].Condition.ArnNotEquals['aws:PrincipalArn'] = readers);
const notOnlyService = (readers: string) =>
  `fail Secret: secret Secret: readable by ${readers}, not only by roles of task definitions that receive it`;

describe('BILLING1-StripeSecretsReadOnlyByService', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Service': billing }))).toEqual([
      'pass Secret: secret Secret: customer managed key Key; GetSecretValue denied to all but ExecutionRole (task definition roles)',
    ]);
  });

  test('Noncompliance 1: no Stripe secret', () => {
    expect(judged((r) => (r.Secret.Properties.Tags = []))).toEqual([
      'fail -: no Stripe secret (tagged pocketcity:credential=stripe or named for Stripe) in the assembly',
    ]);
  });

  test('Noncompliance 2: not under a customer managed key of the assembly', () => {
    expect(judged((r) => delete r.Secret.Properties.KmsKeyId)).toEqual([
      'fail Secret: secret Secret: not encrypted with a customer managed key of the assembly',
    ]);
  });

  test('Noncompliance 3: no deny-all-but resource policy', () => {
    expect(judged((r) => (r.Policy.Properties.ResourcePolicy.Statement[0].Effect = 'Allow'))).toEqual([
      'fail Secret: secret Secret: no resource policy denies GetSecretValue to every principal but named roles, so any principal IAM allows can read it',
    ]);
  });

  test('Noncompliance 4: readable by a role of no task definition that receives it', () => {
    const admin = 'arn:aws:iam::123456789012:role/admin';
    expect(judged((r) => allowed(r, [getAtt('ExecutionRole'), admin]))).toEqual([notOnlyService(`"${admin}"`)]);
    expect(judged((r) => (r.Task.Properties.ContainerDefinitions[0].Secrets = []))).toEqual([
      notOnlyService('ExecutionRole'),
    ]);
  });

  test('Noncompliance 5: readable by nobody', () => {
    expect(judged((r) => allowed(r, []))).toEqual([notOnlyService('nobody')]);
  });
});
