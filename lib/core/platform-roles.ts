import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PlatformConstructError } from './errors';

/**
 * Template metadata key under which a resource lists the platform roles its construct declared. Requirements select
 * resources by these roles, never by construct id or logical id, so renaming a construct cannot silently move a proof
 * onto another resource (or onto none).
 */
export const PLATFORM_ROLE_METADATA_KEY = 'PocketCity::Roles';

/**
 * How many resources of one platform environment may carry a role: `one` exactly one in the environment, `some` at
 * least one, `optional` at most one (a resource config may supply from outside instead).
 */
export type RoleCardinality = 'one' | 'some' | 'optional';

interface RoleDefinition {
  readonly description: string;
  readonly cardinality: RoleCardinality;
}

/** Every role a construct may declare and a requirement may name. Data only: the model and the tests read it. */
export const PLATFORM_ROLES = {
  // Network
  vpc: { description: 'the platform VPC', cardinality: 'one' },
  // Edge
  'load-balancer': { description: 'the internet-facing application load balancer', cardinality: 'one' },
  'load-balancer-security-group': { description: "the load balancer's security group", cardinality: 'one' },
  'https-listener': { description: 'the HTTPS listener on 443', cardinality: 'one' },
  'http-listener': { description: 'the plain HTTP listener on 80 (redirects only)', cardinality: 'one' },
  'web-acl': { description: "the load balancer's web ACL", cardinality: 'one' },
  // Service
  service: { description: 'the ECS service of the application', cardinality: 'one' },
  'service-task-definition': { description: "the service tasks' task definition", cardinality: 'one' },
  'service-task-role': { description: 'the IAM role the service tasks run as', cardinality: 'one' },
  'service-execution-role': {
    description: "the service tasks' execution role (pull, logs, secrets)",
    cardinality: 'one',
  },
  'service-security-group': { description: "the service tasks' security group", cardinality: 'one' },
  'service-log-group': { description: "the service tasks' log group", cardinality: 'one' },
  'stripe-secret': { description: 'a Stripe API secret', cardinality: 'some' },
  // Data
  'database-cluster': { description: 'the Aurora PostgreSQL cluster', cardinality: 'one' },
  'database-security-group': { description: "the database's security group", cardinality: 'one' },
  'bootstrap-function': { description: 'the database bootstrap function', cardinality: 'one' },
  'bootstrap-function-role': { description: "the database bootstrap function's role", cardinality: 'one' },
  'bootstrap-security-group': { description: "the database bootstrap function's security group", cardinality: 'one' },
  'database-bootstrap': {
    description: 'the custom resource that carries the bootstrap SQL and runs it as the master user',
    cardinality: 'one',
  },
  'uploads-bucket': { description: 'the bucket of customer uploads', cardinality: 'one' },
  'uploads-replica-bucket': { description: "the uploads' replica in the recovery region", cardinality: 'one' },
  'uploads-replication-role': { description: 'the role S3 replicates the uploads with', cardinality: 'one' },
  'dumps-bucket': { description: 'the bucket of GPG-encrypted database dumps', cardinality: 'one' },
  'dumps-replica-bucket': { description: "the dumps' replica in the recovery region", cardinality: 'one' },
  'dumps-replication-role': { description: 'the role S3 replicates the dumps with', cardinality: 'one' },
  // Backup
  'backup-plan': { description: 'the daily AWS Backup plan', cardinality: 'one' },
  'backup-selection': { description: "the backup plan's selection of stores", cardinality: 'one' },
  'backup-role': { description: 'the role AWS Backup backs up and copies with', cardinality: 'one' },
  'restore-testing-plan': { description: 'an AWS Backup restore testing plan (one per vault)', cardinality: 'some' },
  'restore-testing-selection': { description: 'a selection of a restore testing plan', cardinality: 'some' },
  'restore-testing-role': { description: 'the role AWS Backup restores a restore test with', cardinality: 'some' },
  'restore-validation-function': { description: 'the function that validates restore tests', cardinality: 'optional' },
  'restore-validation-role': { description: "the restore validation function's role", cardinality: 'optional' },
  'restore-validation-log-group': {
    description: "the restore validation function's log group (its verdicts and their metric)",
    cardinality: 'optional',
  },
  'restore-validation-security-group': {
    description: "the restore validation function's security group",
    cardinality: 'optional',
  },
  'restored-database-security-group': {
    description: 'the security group of clusters restored by restore tests',
    cardinality: 'optional',
  },
  'restore-validation-rule': {
    description: 'the rule that sends completed restore tests to their validation',
    cardinality: 'optional',
  },
  'recovery-restore-vpc': {
    description: 'the VPC of isolated subnets only that recovery-region restore tests place restored clusters in',
    cardinality: 'optional',
  },
  'recovery-restore-flow-log-group': {
    description: "the recovery restore VPC's flow log group",
    cardinality: 'optional',
  },
  'recovery-restored-database-subnet-group': {
    description: 'the subnet group of the recovery restore VPC, where recovery-region restore tests place clusters',
    cardinality: 'optional',
  },
  'recovery-restored-database-security-group': {
    description: 'the security group (no ingress, no egress) of clusters restored in the recovery region',
    cardinality: 'optional',
  },
  'primary-vault': { description: 'the backup vault in the primary region', cardinality: 'one' },
  'recovery-vault': { description: 'the backup vault in the recovery region', cardinality: 'one' },
  'air-gapped-vault': {
    description: 'the logically air-gapped copy vault in the recovery region (config backup.logicallyAirGappedVault)',
    cardinality: 'optional',
  },
  'break-glass-role': {
    description: 'the break-glass role that alone may change a vault (absent when config names one of its own)',
    cardinality: 'optional',
  },
  'dump-cluster': { description: 'the ECS cluster the daily GPG dump runs in', cardinality: 'one' },
  'dump-task-definition': { description: "the daily GPG dump's task definition", cardinality: 'one' },
  'dump-task-role': { description: 'the role the dump task runs as', cardinality: 'one' },
  'dump-execution-role': { description: "the dump task's execution role (pull, logs, secret)", cardinality: 'one' },
  'dump-security-group': { description: "the dump task's security group", cardinality: 'one' },
  'dump-log-group': { description: "the dump task's log group", cardinality: 'one' },
  'dump-schedule': { description: 'the schedule that starts the daily dump', cardinality: 'one' },
  'dump-check-function': { description: 'the function that checks the newest GPG dump daily', cardinality: 'one' },
  'dump-check-role': { description: "the dump check function's role (reads the dumps)", cardinality: 'one' },
  'dump-check-log-group': { description: "the dump check function's log group", cardinality: 'one' },
  'dump-check-schedule': { description: 'the schedule that starts the daily dump check', cardinality: 'one' },
  'dump-reader-secret': {
    description: "the secret of the dump's own read-only database login (dump_reader), never the master's",
    cardinality: 'one',
  },
  // Monitoring
  'alert-topic': { description: 'the encrypted SNS topic security alerts are sent to', cardinality: 'one' },
  'cis-alarm': { description: 'a CIS monitoring alarm on a metric filter of the trail log group', cardinality: 'some' },
  'replication-alarm': {
    description: 'an alarm on S3 replication metrics (failed operations, latency)',
    cardinality: 'some',
  },
  'dump-freshness-alarm': { description: 'the alarm when no dump object was written for a day', cardinality: 'one' },
  'dump-check-alarm': {
    description: 'an alarm on the dump check function: it failed, or it did not run for a day',
    cardinality: 'some',
  },
  'restore-validation-alarm': {
    description: "the alarm on the restore validation's verdict metric (a FAILED validation), to the alert topic",
    cardinality: 'optional',
  },
  'restore-test-alert-rule': {
    description: 'a rule that sends failed restore tests (restore or validation, of any region) to the alert topic',
    cardinality: 'some',
  },
  'restore-test-forwarding-rule': {
    description: "a rule of the recovery region that forwards its failed restore tests to the primary region's bus",
    cardinality: 'some',
  },
  'security-txt-reminder': {
    description: 'the one-time schedule that reminds of the security.txt expiry',
    cardinality: 'one',
  },
  'audit-trail': { description: 'the multi-region CloudTrail trail', cardinality: 'one' },
  'audit-trail-bucket': { description: "the trail's log bucket", cardinality: 'one' },
  'audit-trail-log-group': { description: "the trail's CloudWatch Logs group", cardinality: 'one' },
  'audit-trail-logs-role': { description: 'the role CloudTrail writes to its log group with', cardinality: 'one' },
  'flow-log-group': { description: "the VPC flow logs' log group", cardinality: 'one' },
  'flow-log-role': { description: 'the role VPC flow logs write with', cardinality: 'one' },
} as const satisfies Record<string, RoleDefinition>;

export type PlatformRole = keyof typeof PLATFORM_ROLES;

/**
 * Declares that `construct` (an L1 resource, or an L2 whose default child is one) plays `role` on the platform. The
 * role is written into the resource's template metadata, which deploys nothing and changes no property.
 */
export function declarePlatformRole(construct: IConstruct, role: PlatformRole): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) {
    throw new PlatformConstructError({
      code: 'declarePlatformRole.construct',
      scope: construct,
      setting: `declarePlatformRole(construct, '${role}')`,
      problem: 'the construct is not a CloudFormation resource and has none as its default child',
      fix: 'declare the role on the L1 resource that plays it',
    });
  }
  const declared = (resource.getMetadata(PLATFORM_ROLE_METADATA_KEY) as string[] | undefined) ?? [];
  if (!declared.includes(role)) resource.addMetadata(PLATFORM_ROLE_METADATA_KEY, [...declared, role]);
}

/** The roles a template resource declares (its metadata), for readers of synthesized templates. */
export function declaredRolesOf(resource: { readonly Metadata?: Record<string, unknown> }): string[] {
  const roles = resource.Metadata?.[PLATFORM_ROLE_METADATA_KEY];
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}
