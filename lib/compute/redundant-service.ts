import * as fs from 'fs';
import * as path from 'path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { acknowledgeFinding } from '../core/acknowledge';
import { PlatformConstructError } from '../core/errors';
import { grantGuardDutyAgentPull } from '../core/grants/grant-guardduty-agent-pull';
import { allowLogsToUseKey } from '../core/grants/grant-logs-key-use';
import { confinedServicePrincipal } from '../core/grants/service-trust';
import { requireYearLongRetention } from '../core/log-retention';
import { declareContainerInsightsLogGroup } from '../core/service-created-log-groups';
import { httpsEgressSecurityGroup } from '../core/network/https-egress-security-group';

/**
 * The directory of the default service image (Dockerfile and a static health page). From source it sits beside this
 * file; the compiled package ships it at its source path (package.json `files`), three levels above `dist/lib/compute`.
 */
export const DEFAULT_SERVICE_IMAGE_DIR =
  [
    path.join(__dirname, 'default-image'),
    path.join(__dirname, '..', '..', '..', 'lib', 'compute', 'default-image'),
  ].find((d) => fs.existsSync(path.join(d, 'Dockerfile'))) ?? path.join(__dirname, 'default-image');

/** The database the service may reach: one security group, one port. */
export interface ServiceDatabaseAccess {
  /** Security group of the database; it gains ingress from the service security group on `port` only. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** Port the database listens on. */
  readonly port: number;
}

export interface RedundantServiceProps {
  /** The VPC; tasks run in its private subnets (with egress) in every zone. */
  readonly vpc: ec2.IVpc;
  /** The HTTPS listener that forwards to the service (for example `TlsOnlyLoadBalancer.httpsListener`). */
  readonly listener: elbv2.ApplicationListener;
  /**
   * The container image. Build it for the task's CPU architecture (X86_64): for an asset, pass
   * `platform: Platform.LINUX_AMD64`.
   * @default - the repository's own health page image (DEFAULT_SERVICE_IMAGE_DIR): BusyBox httpd as a non-root user
   * on a read-only root, answering the health check path on the container port, built for linux/amd64
   */
  readonly image?: ecs.ContainerImage;
  /** Priority of the listener rule that forwards every path to the service. @default 100 */
  readonly listenerRulePriority?: number;
  /** Port the container listens on; the load balancer reaches the tasks on this port only. @default 8080 */
  readonly containerPort?: number;
  /** Running tasks, spread over the zones; at least 3 unless `allowFewerThanThreeTasks`. @default 3 */
  readonly desiredCount?: number;
  /** Upper bound of CPU-target autoscaling. @default 12 */
  readonly maxCount?: number;
  /**
   * Permit fewer than three tasks. Weakens HA-1: losing a zone or two tasks may stop the service; the evidence
   * lists it as `optOuts.allowFewerThanThreeTasks`.
   * @default false
   */
  readonly allowFewerThanThreeTasks?: boolean;
  /** Task CPU units. @default 512 */
  readonly cpu?: number;
  /** Task memory in MiB. @default 1024 */
  readonly memoryMiB?: number;
  /** Path the load balancer health-checks. @default '/' */
  readonly healthCheckPath?: string;
  /** Average CPU utilisation autoscaling keeps the tasks at. @default 60 */
  readonly cpuTargetPercent?: number;
  /** Numeric user (and group) the container runs as; never root. @default '1000:1000' */
  readonly user?: string;
  /**
   * Values handed to the container as ECS secrets (Secrets Manager or SSM Parameter Store), never as plain
   * environment values; the execution role is granted read on each. Used for the database credentials and the
   * Stripe keys (BILLING-1: StripeSecrets passes its `ecs.Secret`s here). To let application code read a secret
   * at run time instead, grant `taskRole` (for example `secret.grantRead(service.taskRole)`).
   * @default - none
   */
  readonly secrets?: Record<string, ecs.Secret>;
  /**
   * Plain environment values of the container: settings that are not secret (database host, port, user and name
   * under IAM authentication). Names that look like credentials are refused; pass those as `secrets`.
   * @default - none
   */
  readonly environment?: Record<string, string>;
  /** The database: egress from the service to it on its port, ingress to it from the service only. @default - none */
  readonly database?: ServiceDatabaseAccess;
  /**
   * Fixed name of the task role, so that resource policies of another stack can name it without a cross-stack
   * reference. @default - a generated name
   */
  readonly taskRoleName?: string;
  /** Customer managed key of the container log group. @default - a new key with rotation on */
  readonly logKey?: kms.IKey;
  /** Days container logs are kept; at least 365. @default logs.RetentionDays.TWO_YEARS */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * An ECS Fargate service that stays up when a zone or two tasks fail (HA-1): at least three tasks spread over the
 * private subnets of three zones, deployment circuit breaker with rollback, 100% minimum healthy, CPU-target
 * autoscaling never below the desired count. The container runs as a non-root user on a read-only root
 * filesystem, logs to an encrypted log group and gets secrets only as ECS secrets. Its security group admits the
 * load balancer on the container port only and lets out HTTPS (443) and the database port to the database's
 * security group, nothing else (TRANSIT-2, BILLING-1).
 */
export class RedundantService extends Construct {
  readonly cluster: ecs.Cluster;
  readonly service: ecs.FargateService;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly securityGroup: ec2.SecurityGroup;
  /** The role the application runs as; starts with no permissions. Grant it what the application needs. */
  readonly taskRole: iam.IRole;
  /** The role ECS uses to start tasks: pulls the image, writes logs, reads the ECS secrets. */
  readonly executionRole: iam.IRole;
  readonly logGroup: logs.LogGroup;
  readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: RedundantServiceProps) {
    super(scope, id);
    const desiredCount = props.desiredCount ?? 3;
    const maxCount = props.maxCount ?? Math.max(12, desiredCount);
    const containerPort = props.containerPort ?? 8080;
    const minCount = props.allowFewerThanThreeTasks ? 1 : 3;
    if (!Number.isInteger(desiredCount) || desiredCount < minCount) {
      throw new PlatformConstructError({
        code: 'RedundantService.desiredCount',
        scope: this,
        setting: 'desiredCount',
        value: desiredCount,
        problem: `at least ${minCount} task(s), one per zone (HA-1)`,
        fix: 'run 3 or more tasks, or set allowFewerThanThreeTasks: true and accept a weakened HA-1',
      });
    }
    if (!Number.isInteger(maxCount) || maxCount < desiredCount) {
      throw new PlatformConstructError({
        code: 'RedundantService.maxCount',
        scope: this,
        setting: 'maxCount',
        value: maxCount,
        problem: `must be at least desiredCount (${desiredCount})`,
        fix: 'raise maxCount',
      });
    }
    if (!Number.isInteger(containerPort) || containerPort < 1024 || containerPort > 65535) {
      throw new PlatformConstructError({
        code: 'RedundantService.containerPort',
        scope: this,
        setting: 'containerPort',
        value: containerPort,
        problem: 'a privileged port needs root, and the container runs as non-root',
        fix: 'use an unprivileged port (1024-65535); default 8080',
      });
    }
    const user = props.user ?? '1000:1000';
    if (/^(0|root)(:|$)/.test(user)) {
      throw new PlatformConstructError({
        code: 'RedundantService.user',
        scope: this,
        setting: 'user',
        value: user,
        problem: 'the container never runs as root',
        fix: "give a numeric non-zero uid such as '1000:1000'",
      });
    }
    const credentialLike = Object.keys(props.environment ?? {}).filter((k) => /PASSWORD|SECRET|TOKEN|KEY/i.test(k));
    if (credentialLike.length) {
      throw new PlatformConstructError({
        code: 'RedundantService.environment',
        scope: this,
        setting: 'environment',
        value: credentialLike,
        problem: 'names values that look like credentials, which are never plain environment values',
        fix: 'pass them as secrets (Secrets Manager or SSM)',
      });
    }
    const retention = props.logRetention ?? logs.RetentionDays.TWO_YEARS;
    requireYearLongRetention(this, retention, {
      code: 'RedundantService.logRetention',
      setting: 'logRetention',
      why: 'keep service logs at least 365 days',
    });

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENHANCED,
    });

    const logKey =
      props.logKey ??
      new kms.Key(this, 'LogKey', {
        description: 'Encrypts the service log group',
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    if (!props.logKey) allowLogsToUseKey(logKey);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: logKey,
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Container Insights' own group, declared with the service logs' key and retention (AWS would create it bare).
    const insightsLogs = declareContainerInsightsLogGroup(this.cluster, logKey, retention);

    const executionRole = new ManagedPolicyRole(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Pulls the image, writes the logs and reads the secrets of the service tasks',
    });
    const taskRole = new ManagedPolicyRole(this, 'TaskRole', {
      // Only for this account's tasks (confused deputy); ECS documents the source keys for task roles.
      assumedBy: confinedServicePrincipal(
        'ecs-tasks.amazonaws.com',
        this,
        `arn:${Stack.of(this).partition}:ecs:${Stack.of(this).region}:${Stack.of(this).account}:*`,
      ),
      description: 'The application: only what it is granted explicitly',
      roleName: props.taskRoleName,
    });
    this.taskRole = taskRole;
    this.executionRole = executionRole;
    grantGuardDutyAgentPull(this, executionRole);
    acknowledgeFinding(executionRole.node.findChild('GrantsPolicy'), {
      rule: 'AwsSolutions-IAM5[Resource::*]',
      claim: 'MONITOR-2',
      reason:
        "ecr:GetAuthorizationToken has no resource type in IAM and must be granted on *; it lets the execution role pull GuardDuty's runtime agent and the default image, whose pull actions name those two repositories only",
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: props.cpu ?? 512,
      memoryLimitMiB: props.memoryMiB ?? 1024,
      executionRole,
      taskRole,
      runtimePlatform: {
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
      },
    });
    // A writable scratch directory, since the root filesystem is read-only. Fargate's bind mount is root-owned 0755
    // unless the image declares /tmp a VOLUME, whose owner and mode it then copies (the default image does: 1777).
    this.taskDefinition.addVolume({ name: 'tmp' });
    const container = this.taskDefinition.addContainer('App', {
      image:
        props.image ??
        ecs.ContainerImage.fromAsset(DEFAULT_SERVICE_IMAGE_DIR, {
          // Built for the task's CPU architecture whatever machine runs `cdk deploy`.
          platform: Platform.LINUX_AMD64,
          buildArgs: { PORT: String(containerPort) },
        }),
      user,
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort, protocol: ecs.Protocol.TCP }],
      secrets: props.secrets,
      environment: props.environment,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'app' }),
      linuxParameters: new ecs.LinuxParameters(this, 'LinuxParameters', { initProcessEnabled: true }),
    });
    container.addMountPoints({ containerPath: '/tmp', sourceVolume: 'tmp', readOnly: false });
    // Pulling the default image needs ecr:GetAuthorizationToken on *, as the GuardDuty agent pull does: the one
    // acknowledgment above covers both.
    if (props.environment && Object.keys(props.environment).length) {
      acknowledgeFinding(this.taskDefinition, {
        rule: 'AwsSolutions-ECS2',
        claim: 'BILLING-1',
        reason: `The environment holds only non-secret settings (${Object.keys(props.environment).join(', ')}); names that look like credentials are refused at synth, and secrets reach the container as ECS secrets.`,
      });
    }

    this.securityGroup = httpsEgressSecurityGroup(this, {
      vpc: props.vpc,
      description:
        'Service tasks: in from the load balancer on the container port; out HTTPS and the database port only',
      httpsTo: 'HTTPS to AWS APIs and payment providers',
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, onePerAz: true },
      assignPublicIp: false,
      securityGroups: [this.securityGroup],
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
      enableExecuteCommand: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
    // No task runs (and so no Container Insights event creates the group) before the declared group exists.
    this.service.node.addDependency(insightsLogs);
    if (desiredCount < 3) {
      // The explicit opt-out is a decision, so it is recorded beside the resource and shows in the evidence,
      // where HA-1 then reads "weakened" instead of "proven".
      acknowledgeFinding(this.service, {
        rule: 'Claims-HA1-ServiceRedundantDeployment[FewerThanThreeTasks]',
        claim: 'HA-1',
        reason: `allowFewerThanThreeTasks is set and the service runs ${desiredCount} task(s): losing a zone or two tasks can stop it; accepted by configuration.`,
      });
    }

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: props.vpc,
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      targets: [this.service],
      healthCheck: { path: props.healthCheckPath ?? '/', healthyHttpCodes: '200-399', interval: Duration.seconds(15) },
      deregistrationDelay: Duration.seconds(30),
    });
    // A rule, not the default action: the listener's own rules (security.txt) and fixed 404 stay as they are.
    props.listener.addTargetGroups('Service', {
      priority: props.listenerRulePriority ?? 100,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
      targetGroups: [this.targetGroup],
    });

    if (props.database) {
      this.service.connections.allowTo(
        props.database.securityGroup,
        ec2.Port.tcp(props.database.port),
        'Service to database',
      );
    }

    const scaling = this.service.autoScaleTaskCount({ minCapacity: desiredCount, maxCapacity: maxCount });
    scaling.scaleOnCpuUtilization('CpuTarget', {
      targetUtilizationPercent: props.cpuTargetPercent ?? 60,
      scaleInCooldown: Duration.minutes(5),
      scaleOutCooldown: Duration.minutes(1),
    });
  }
}
