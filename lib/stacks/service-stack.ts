import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { StripeSecrets } from '../billing/stripe-secrets';
import { RedundantService, ServiceDatabaseAccess } from '../compute/redundant-service';
import { TlsOnlyLoadBalancer } from '../edge/tls-only-load-balancer';
import { grantSecretDecrypt } from '../keys/grant-secret-decrypt';
import { physicalNames } from '../config/physical-names';
import { VpcStackProps } from './vpc-stack-props';

/** What the service needs of the database: where it is, how to reach it and its credentials. */
export interface ServiceDatabase extends ServiceDatabaseAccess {
  /** Host name of the writer endpoint; handed to the container through an SSM parameter, not an env value. */
  readonly hostname: string;
  /** Secret with the `username` and `password` keys (for example the RDS-managed master secret). */
  readonly secret: secretsmanager.ISecret;
}

/** A store that grants object access on its own resource policy. */
export interface UploadGrants {
  grantReadWrite(grantee: iam.IGrantable): iam.Grant;
}

export interface ServiceStackProps extends VpcStackProps {
  /** The database (from DataStack). @default - the service gets no database access */
  readonly database?: ServiceDatabase;
  /**
   * The upload bucket (from DataStack, `EncryptedUploadBucket`); the task role gets object read and write on it
   * through the bucket's own policy (no wildcard object ARN in the role). @default - none
   */
  readonly uploads?: UploadGrants;
  /**
   * Further ECS secrets handed to the container (BILLING-1: the Stripe keys from StripeSecrets).
   * @default - none
   */
  readonly secrets?: Record<string, ecs.Secret>;
}

/** The TLS-only edge and the redundant service (TRANSIT-1, HA-1, MONITOR-2 WAF, RESPONSE-1, BILLING-1). */
export class ServiceStack extends Stack {
  readonly edge: TlsOnlyLoadBalancer;
  readonly app: RedundantService;
  /** Shorthand for `app.taskRole`: grant secrets and data to it. */
  readonly taskRole: iam.IRole;
  /** The Stripe keys (BILLING-1), handed to the container as ECS secrets. */
  readonly stripeSecrets: StripeSecrets;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.zones = [...config.primaryRegion.availabilityZones];

    const logKey = new kms.Key(this, 'LogKey', {
      description: 'Encrypts the WAF and service log groups',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    logKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));

    this.edge = new TlsOnlyLoadBalancer(this, 'Edge', {
      vpc: props.vpc,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn),
      securityTxt: {
        contacts: config.securityContact.contacts,
        expires: config.securityContact.expires,
        policyUrl: config.securityContact.policyUrl,
        preferredLanguages: config.securityContact.preferredLanguages,
        canonicalUrl: `https://${config.domainName}/.well-known/security.txt`,
      },
      firewall: { logKey },
    });

    const secrets: Record<string, ecs.Secret> = { ...props.secrets };
    // BILLING-1: the Stripe keys; the role ECS reads them with (the execution role) becomes their only reader.
    this.stripeSecrets = new StripeSecrets(this, 'StripeSecrets', {
      secretNamePrefix: `${config.environmentName}/stripe`,
    });
    Object.assign(secrets, this.stripeSecrets.ecsSecrets());
    if (props.database) {
      const host = new ssm.StringParameter(this, 'DatabaseHost', {
        description: 'Writer endpoint of the platform database',
        stringValue: props.database.hostname,
      });
      secrets.DB_HOST = ecs.Secret.fromSsmParameter(host);
      // Referenced by ARN alone: granting through the Data stack's secret object would also write this stack's
      // execution role into the Data stack's key policy, a dependency cycle. The key grant is added below.
      const secret = secretsmanager.Secret.fromSecretCompleteArn(
        this,
        'DatabaseSecret',
        props.database.secret.secretArn,
      );
      secrets.DB_USER = ecs.Secret.fromSecretsManager(secret, 'username');
      secrets.DB_PASSWORD = ecs.Secret.fromSecretsManager(secret, 'password');
    }

    const service = config.service;
    this.app = new RedundantService(this, 'App', {
      vpc: props.vpc,
      listener: this.edge.httpsListener,
      image: ecs.ContainerImage.fromRegistry(service.image),
      containerPort: service.containerPort,
      desiredCount: service.desiredCount,
      maxCount: service.maxCount,
      allowFewerThanThreeTasks: config.optOuts.allowFewerThanThreeTasks,
      cpu: service.cpu,
      memoryMiB: service.memoryMiB,
      healthCheckPath: service.healthCheckPath,
      secrets,
      database: props.database,
      logKey,
      taskRoleName: physicalNames.serviceTaskRole(config),
    });
    this.taskRole = this.app.taskRole;
    if (props.database) grantSecretDecrypt(props.database.secret, this.app.executionRole);
    props.uploads?.grantReadWrite(this.taskRole);
  }

  /** The configured zones: with an explicit account, the default would look them up through AWS at synth. */
  get availabilityZones(): string[] {
    return this.zones;
  }
}
