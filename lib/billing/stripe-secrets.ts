import { Lazy, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { STRIPE_SECRET_TAG } from '../core/requirements/billing';
import { acknowledgeFinding } from '../core/acknowledge';

export interface StripeSecretsProps {
  /**
   * Customer managed key encrypting both secrets.
   * @default - a new customer managed key with rotation on, retained on stack deletion
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Prefix of the secret names: `<prefix>/secret-key` and `<prefix>/webhook-signing-secret`.
   * @default 'stripe'
   */
  readonly secretNamePrefix?: string;
}

/** Environment variable names the container receives the secrets under. */
export const STRIPE_SECRET_KEY_VARIABLE = 'STRIPE_SECRET_KEY';
export const STRIPE_WEBHOOK_SECRET_VARIABLE = 'STRIPE_WEBHOOK_SECRET';

/**
 * The Stripe secret key and webhook signing secret (BILLING-1): Secrets Manager secrets under a customer managed
 * key, created with a random placeholder (the real values never enter a template; see
 * docs/constructs/stripe-secrets.md for setting them), readable only by the roles granted through `grantRead` or
 * `ecsSecrets()`: a resource policy denies `GetSecretValue` to every other principal, administrators included.
 */
export class StripeSecrets extends Construct {
  readonly encryptionKey: kms.IKey;
  readonly secretKey: secretsmanager.Secret;
  readonly webhookSigningSecret: secretsmanager.Secret;
  private readonly readerArns: string[] = [];

  constructor(scope: Construct, id: string, props: StripeSecretsProps = {}) {
    super(scope, id);
    const prefix = props.secretNamePrefix ?? 'stripe';
    if (!/^[A-Za-z0-9/_+=.@-]{1,400}$/.test(prefix) || prefix.endsWith('/')) {
      throw new PlatformConstructError({
        code: 'StripeSecrets.secretNamePrefix',
        scope: this,
        setting: 'secretNamePrefix',
        value: prefix,
        problem: 'is not a valid secret name prefix',
        fix: "use letters, digits and /_+=.@- without a trailing slash, such as 'prod/stripe'",
      });
    }
    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: 'Encrypts the Stripe API secrets',
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.secretKey = this.createSecret('SecretKey', `${prefix}/secret-key`, 'Stripe secret API key (sk_live_...)');
    this.webhookSigningSecret = this.createSecret(
      'WebhookSigningSecret',
      `${prefix}/webhook-signing-secret`,
      'Stripe webhook endpoint signing secret (whsec_...)',
    );
    this.node.addValidation({
      validate: () =>
        this.readerArns.length > 0
          ? []
          : [
              `StripeSecrets ${this.node.path} has no reader, so the service cannot use the Stripe keys. ` +
                'Pass ecsSecrets() to the service container or call grantRead(role).',
            ],
    });
  }

  /**
   * The two secrets as ECS secrets (`STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`): the container receives them at
   * start, never as plain environment values, and the role ECS grants (the task execution role) becomes their only
   * reader.
   */
  ecsSecrets(): Record<string, ecs.Secret> {
    return {
      [STRIPE_SECRET_KEY_VARIABLE]: this.asEcsSecret(this.secretKey),
      [STRIPE_WEBHOOK_SECRET_VARIABLE]: this.asEcsSecret(this.webhookSigningSecret),
    };
  }

  /** Lets a role read both secrets (and decrypt them through Secrets Manager); every other principal stays denied. */
  grantRead(grantee: iam.IGrantable): void {
    this.secretKey.grantRead(grantee);
    this.webhookSigningSecret.grantRead(grantee);
    this.recordReader(grantee);
  }

  private asEcsSecret(secret: secretsmanager.Secret): ecs.Secret {
    return {
      arn: secret.secretArn,
      hasField: false,
      grantRead: (grantee: iam.IGrantable) => {
        this.recordReader(grantee);
        return secret.grantRead(grantee);
      },
    };
  }

  private recordReader(grantee: iam.IGrantable): void {
    const principal = grantee.grantPrincipal;
    if (!(principal instanceof iam.Role)) {
      throw new PlatformConstructError({
        code: 'StripeSecrets.grantRead.grantee',
        scope: this,
        setting: 'grantRead(grantee)',
        value: principal.toString(),
        problem: "readers must be IAM roles of this app (the service's task roles)",
        fix: 'grant a role, for example the service task definition execution role',
      });
    }
    if (!this.readerArns.includes(principal.roleArn)) this.readerArns.push(principal.roleArn);
  }

  private createSecret(id: string, secretName: string, description: string): secretsmanager.Secret {
    const secret = new secretsmanager.Secret(this, id, {
      secretName,
      description: `${description}. Placeholder until set with put-secret-value; see docs/constructs/stripe-secrets.md.`,
      encryptionKey: this.encryptionKey,
      // A random placeholder, so no real or guessable value is ever in the template.
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Tags.of(secret).add(STRIPE_SECRET_TAG.key, STRIPE_SECRET_TAG.value);
    secret.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyReadExceptTheService',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['secretsmanager:GetSecretValue'],
        resources: ['*'],
        conditions: {
          StringNotEquals: { 'aws:PrincipalArn': Lazy.list({ produce: () => this.readerArns }) },
        },
      }),
    );
    const rotation =
      'Stripe API keys and webhook signing secrets are issued and rolled in the Stripe dashboard, which Secrets Manager cannot call; they are rolled manually (docs/constructs/stripe-secrets.md) and after any incident (docs/runbooks/breach-notification.md).';
    acknowledgeFinding(
      secret,
      { rule: 'AwsSolutions-SMG4', claim: 'BILLING-1', reason: rotation },
      { rule: 'NIST.800.53.R5-SecretsManagerRotationEnabled', claim: 'BILLING-1', reason: rotation },
      { rule: 'HIPAA.Security-SecretsManagerRotationEnabled', claim: 'BILLING-1', reason: rotation },
      { rule: 'PCI.DSS.321-SecretsManagerRotationEnabled', claim: 'BILLING-1', reason: rotation },
    );
    return secret;
  }
}
