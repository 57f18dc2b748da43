import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { declarePlatformRole } from '../core/platform-roles';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { allowLogsToUseKey } from '../core/grants/grant-logs-key-use';
import { StripeSecrets } from '../billing/stripe-secrets';
import { RedundantService, ServiceDatabaseAccess } from '../compute/redundant-service';
import { TlsOnlyLoadBalancer } from '../edge/tls-only-load-balancer';
import { physicalNames } from '../config/physical-names';
import { VpcStackProps } from './vpc-stack-props';

/**
 * What the service needs of the database: where it is and whom to log in as. No password: the application signs an
 * IAM authentication token with its task role at connect time, so nothing rotates under a running task.
 */
export interface ServiceDatabase extends ServiceDatabaseAccess {
  /** Host name of the writer endpoint. */
  readonly hostname: string;
  /** Database the application uses. */
  readonly databaseName: string;
  /** The application's own database user (DataStack.databaseUser, from the bootstrap): never the master user. */
  readonly user: string;
  /** Resource id of the cluster (`DBClusterResourceId`), which `rds-db:connect` names. */
  readonly clusterResourceId: string;
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
    // Only for log groups of this account and region (CloudWatch Logs names the group in the encryption context).
    allowLogsToUseKey(logKey);

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
    // IAM database authentication: the container knows where and as whom, and asks for a token when it connects.
    const environment: Record<string, string> = props.database
      ? {
          DB_HOST: props.database.hostname,
          DB_PORT: String(props.database.port),
          DB_NAME: props.database.databaseName,
          DB_USER: props.database.user,
          DB_AUTH: 'iam',
          DB_SSLMODE: 'verify-full',
        }
      : {};

    const service = config.service;
    this.app = new RedundantService(this, 'App', {
      vpc: props.vpc,
      listener: this.edge.httpsListener,
      image: service.image === undefined ? undefined : ecs.ContainerImage.fromRegistry(service.image),
      containerPort: service.containerPort,
      desiredCount: service.desiredCount,
      maxCount: service.maxCount,
      allowFewerThanThreeTasks: config.optOuts.allowFewerThanThreeTasks,
      cpu: service.cpu,
      memoryMiB: service.memoryMiB,
      healthCheckPath: service.healthCheckPath,
      secrets,
      environment,
      database: props.database,
      logKey,
      taskRoleName: physicalNames.serviceTaskRole(config),
    });
    this.taskRole = this.app.taskRole;
    if (props.database) {
      // Only the application's own user; the task role name is fixed (physicalNames.serviceTaskRole).
      this.taskRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ConnectAsApplicationUser',
          actions: ['rds-db:connect'],
          resources: [
            `arn:${this.partition}:rds-db:${this.region}:${this.account}:dbuser:${props.database.clusterResourceId}/${props.database.user}`,
          ],
        }),
      );
    }
    props.uploads?.grantReadWrite(this.taskRole);

    // The roles core's requirements select these resources by (never by construct id).
    declarePlatformRole(this.edge.loadBalancer, 'load-balancer');
    declarePlatformRole(this.edge.securityGroup, 'load-balancer-security-group');
    declarePlatformRole(this.edge.httpsListener, 'https-listener');
    declarePlatformRole(this.edge.loadBalancer.node.findChild('HttpRedirect'), 'http-listener');
    declarePlatformRole(this.edge.firewall.webAcl, 'web-acl');
    declarePlatformRole(this.app.service, 'service');
    declarePlatformRole(this.app.taskDefinition, 'service-task-definition');
    declarePlatformRole(this.app.taskRole, 'service-task-role');
    declarePlatformRole(this.app.executionRole, 'service-execution-role');
    declarePlatformRole(this.app.securityGroup, 'service-security-group');
    declarePlatformRole(this.app.logGroup, 'service-log-group');
    declarePlatformRole(this.stripeSecrets.secretKey, 'stripe-secret');
    declarePlatformRole(this.stripeSecrets.webhookSigningSecret, 'stripe-secret');
  }

  /** The configured zones: with an explicit account, the default would look them up through AWS at synth. */
  get availabilityZones(): string[] {
    return this.zones;
  }
}
