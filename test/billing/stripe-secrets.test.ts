import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { StripeSecrets } from '../../lib/billing/stripe-secrets';

const env = { account: '123456789012', region: 'eu-west-1' };

describe('StripeSecrets', () => {
  let template: Template;
  beforeAll(() => {
    // GIVEN a Fargate task that receives the Stripe keys as ECS secrets
    const stack = new Stack(new App(), 'Billing', { env });
    const stripe = new StripeSecrets(stack, 'Stripe', { secretNamePrefix: 'prod/stripe' });
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    // WHEN
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('app'), secrets: stripe.ecsSecrets() });
    template = Template.fromStack(stack);
  });

  test('creates the secret key and the webhook signing secret under a customer managed key, retained', () => {
    for (const name of ['prod/stripe/secret-key', 'prod/stripe/webhook-signing-secret']) {
      template.hasResource('AWS::SecretsManager::Secret', {
        Properties: {
          Name: name,
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('StripeKey'), 'Arn'] },
          Tags: [{ Key: 'pocketcity:credential', Value: 'stripe' }],
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('never puts a value in the template: the secrets start as a generated placeholder', () => {
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
    for (const s of secrets) {
      expect(s.Properties.SecretString).toBeUndefined();
      expect(s.Properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 48 });
    }
  });

  test('hands both secrets to the container as ECS secrets, not environment values', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Secrets: [
            { Name: 'STRIPE_SECRET_KEY', ValueFrom: { Ref: Match.stringLikeRegexp('StripeSecretKey') } },
            { Name: 'STRIPE_WEBHOOK_SECRET', ValueFrom: { Ref: Match.stringLikeRegexp('StripeWebhookSigningSecret') } },
          ],
          Environment: Match.absent(),
        }),
      ],
    });
  });

  test('denies GetSecretValue to every principal but the role ECS reads the secrets with', () => {
    const policies = Object.values(template.findResources('AWS::SecretsManager::ResourcePolicy'));
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      expect(p.Properties.ResourcePolicy.Statement).toEqual([
        {
          Sid: 'DenyReadExceptTheService',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
          Condition: {
            StringNotEquals: {
              'aws:PrincipalArn': [{ 'Fn::GetAtt': [expect.stringMatching(/TaskExecutionRole/), 'Arn'] }],
            },
          },
        },
      ]);
    }
  });

  test('lets that role decrypt only through Secrets Manager', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'kms:Decrypt',
            Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('TaskExecutionRole'), 'Arn'] } },
            Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
          }),
        ]),
      },
    });
  });

  test('fails when nobody may read the secrets', () => {
    const app = new App();
    new StripeSecrets(new Stack(app, 'Unread', { env }), 'Stripe');
    expect(() => app.synth()).toThrow(/has no reader, so the service cannot use the Stripe keys/);
  });

  test('fails when a reader is not a role', () => {
    const stack = new Stack(new App(), 'User', { env });
    const stripe = new StripeSecrets(stack, 'Stripe');
    expect(() => stripe.grantRead(new iam.User(stack, 'Person'))).toThrow(/readers must be IAM roles of this app/);
  });

  test('fails when the name prefix is not a secret name', () => {
    const stack = new Stack(new App(), 'Prefix', { env });
    expect(() => new StripeSecrets(stack, 'Stripe', { secretNamePrefix: 'prod stripe/' })).toThrow(
      /\[StripeSecrets\.secretNamePrefix\] .*secretNamePrefix = "prod stripe\/": is not a valid secret name prefix/,
    );
  });
});
