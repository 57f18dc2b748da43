import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { NagRuleCompliance } from 'cdk-nag';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import {
  serviceEgressHttpsOnly,
  stripeSecretsReadOnlyByService,
  noCardDataStore,
  noStripeKeyInEnvironment,
  stripeSecretCustomerManagedKey,
} from '../../lib/compliance/checks';
import {
  failuresOf,
  judge,
  ofType,
  passesOf,
  referenceClaimEvidence,
  referenceRuleResults,
  scratchStack,
  weakenedReference,
  referenceFailures,
} from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';

describe('BILLING-1: card data only at Stripe', () => {
  test('the reference platform satisfies every BILLING-1 rule and check', () => {
    expect(referenceFailures('BILLING-1')).toEqual([]);
  });

  test('both Stripe secrets pass under a customer managed key, readable only by the execution role', () => {
    expect(passesOf(stripeSecretsReadOnlyByService, referenceAssembly())).toEqual([
      expect.stringMatching(
        /^secret StripeSecretsSecretKey.*: customer managed key .*; GetSecretValue denied to all but AppExecutionRole/,
      ),
      expect.stringMatching(/^secret StripeSecretsWebhookSigningSecret.*: customer managed key/),
    ]);
    const cmk = referenceRuleResults([stripeSecretCustomerManagedKey]).filter((r) => r.status === 'pass');
    expect(cmk).toHaveLength(2);
  });

  test('the evidence marks BILLING-1 proven and names card processing as inherited from Stripe (PCI DSS Level 1)', () => {
    const evidence = referenceClaimEvidence('BILLING-1');
    expect(evidence.status).toBe('proven');
    expect(evidence.inheritedParts.join(' ')).toMatch(/Stripe.*PCI DSS Level 1/);
  });

  test('fails when a Stripe secret uses the AWS managed key', () => {
    const stack = scratchStack();
    new secretsmanager.CfnSecret(stack, 'Stripe', {
      name: 'prod/stripe/secret-key',
      kmsKeyId: 'alias/aws/secretsmanager',
    });
    new secretsmanager.CfnSecret(stack, 'Unkeyed', { name: 'prod/stripe/webhook' });
    new secretsmanager.CfnSecret(stack, 'Other', { name: 'prod/other' });
    expect(judge(stripeSecretCustomerManagedKey, stack)).toEqual([
      NagRuleCompliance.NON_COMPLIANT,
      NagRuleCompliance.NON_COMPLIANT,
    ]);
  });

  test('passes a tagged Stripe secret under a customer managed key', () => {
    const stack = scratchStack();
    const secret = new secretsmanager.Secret(stack, 'Key', { encryptionKey: new kms.Key(stack, 'Cmk') });
    Tags.of(secret).add('pocketcity:credential', 'stripe');
    Template.fromStack(stack); // tags are applied by an aspect at synth
    expect(judge(stripeSecretCustomerManagedKey, stack)).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when a task definition carries a Stripe key in a plain environment value', () => {
    const stack = scratchStack();
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('app'),
      environment: { STRIPE_API_KEY: 'x', PAYMENT_KEY: 'sk_live_abc123', LOG_LEVEL: 'info' },
    });
    expect(judge(noStripeKeyInEnvironment, stack)).toEqual([['App.STRIPE_API_KEY', 'App.PAYMENT_KEY']]);
  });

  test('fails when a bucket, a table or a database is declared for card data', () => {
    const stack = scratchStack();
    new s3.CfnBucket(stack, 'Cards', { bucketName: 'prod-card-data' });
    const table = new dynamodb.CfnTable(stack, 'Table', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
    });
    Tags.of(table).add('DataClassification', 'cardholder');
    new s3.CfnBucket(stack, 'Discard', { bucketName: 'prod-discarded-uploads' });
    Template.fromStack(stack); // tags are applied by an aspect at synth
    expect(judge(noCardDataStore, stack)).toEqual([
      ['name:prod-card-data'],
      ['tag:DataClassification=cardholder'],
      NagRuleCompliance.COMPLIANT,
    ]);
  });

  test('fails when the Stripe secrets have no resource policy restricting readers', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [logicalId] of ofType(t.Resources, 'AWS::SecretsManager::ResourcePolicy'))
        delete t.Resources[logicalId];
    });
    expect(failuresOf(stripeSecretsReadOnlyByService, weak)).toEqual([
      expect.stringMatching(/no resource policy denies GetSecretValue to every principal but named roles/),
      expect.stringMatching(/no resource policy denies GetSecretValue/),
    ]);
  });

  test('fails when a role outside the task definitions may read a Stripe secret', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, p] of ofType(t.Resources, 'AWS::SecretsManager::ResourcePolicy')) {
        p.Properties.ResourcePolicy.Statement[0].Condition.StringNotEquals['aws:PrincipalArn'].push({
          'Fn::GetAtt': ['SomeAdminRole', 'Arn'],
        });
      }
    });
    expect(failuresOf(stripeSecretsReadOnlyByService, weak)).toEqual([
      expect.stringMatching(/readable by SomeAdminRole, not only by roles of task definitions that receive it/),
      expect.stringMatching(/readable by SomeAdminRole/),
    ]);
  });

  test('fails when there is no Stripe secret at all', () => {
    expect(failuresOf(stripeSecretsReadOnlyByService, new PlatformAssembly([]))).toEqual([
      'no Stripe secret (tagged pocketcity:credential=stripe or named for Stripe) in the assembly',
    ]);
  });

  test('fails when the service security group lets everything out', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [logicalId, sg] of ofType(t.Resources, 'AWS::EC2::SecurityGroup')) {
        if (/^AppSecurityGroup/.test(logicalId))
          sg.Properties.SecurityGroupEgress = [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }];
      }
    });
    expect(failuresOf(serviceEgressHttpsOnly, weak)).toEqual([
      expect.stringMatching(/^service .*: security group AppSecurityGroup.* lets out -1 all-all to 0\.0\.0\.0\/0$/),
    ]);
  });

  test('fails when the service may reach a port range of the database', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, egress] of ofType(t.Resources, 'AWS::EC2::SecurityGroupEgress')) {
        if (egress.Properties.DestinationSecurityGroupId) egress.Properties.ToPort = 6000;
      }
    });
    expect(failuresOf(serviceEgressHttpsOnly, weak)).toEqual([
      expect.stringMatching(/lets out tcp \d+-6000 to a security group$/),
    ]);
  });

  test('fails when the service may reach a security group on a port no database listens on', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, egress] of ofType(t.Resources, 'AWS::EC2::SecurityGroupEgress')) {
        if (egress.Properties.DestinationSecurityGroupId) egress.Properties.FromPort = egress.Properties.ToPort = 22;
      }
    });
    expect(failuresOf(serviceEgressHttpsOnly, weak)).toEqual([
      expect.stringMatching(/lets out tcp 22-22 to a security group$/),
    ]);
  });

  test('fails when there is no service to judge', () => {
    expect(failuresOf(serviceEgressHttpsOnly, new PlatformAssembly([]))).toEqual([
      'no ECS service in the assembly, so no service egress to judge',
    ]);
  });
});
