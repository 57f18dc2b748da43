import { Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { acknowledgeWildcardResources } from './private/nag-finding-id';
import { restoreRoleStatements, RESTORE_TEST_NAME_PREFIX } from './private/restore-role-statements';

/** Where a restored Aurora cluster lands: without these AWS Backup picks the default VPC and security group. */
export interface RestoreTestDatabase {
  /** ARN of the protected cluster whose recovery points are restored. */
  readonly clusterArn: string;
  /** DB subnet group of the platform's isolated subnets. */
  readonly subnetGroupName: string;
  /** Security groups of the restored cluster (ingress from the validation function only). */
  readonly securityGroupIds: readonly string[];
  /** ARN of the key the cluster's storage is encrypted with (the restored cluster keeps it). */
  readonly keyArn: string;
}

/** Buckets whose recovery points are restored into new buckets, encrypted with the source's key. */
export interface RestoreTestBuckets {
  readonly bucketArns: readonly string[];
  /** ARN of the key of the restored buckets (SSE-KMS; AWS Backup infers SSE-S3 otherwise). */
  readonly keyArn: string;
}

export interface RestoreTestingProps {
  /** Restore testing plan name: letters, digits and underscores, at most 50. */
  readonly planName: string;
  /** ARN of the vault whose recovery points are restored (this region's). */
  readonly vaultArn: string;
  /** ARN of the vault's key, which the restore reads the recovery points with. */
  readonly vaultKeyArn: string;
  /** 6-field AWS cron expression in UTC. @default 'cron(0 5 ? * SAT *)' */
  readonly scheduleExpression?: string;
  /** Hours a restored store is kept for validation, 1 to 168. @default 4 */
  readonly validationWindowHours?: number;
  /**
   * Recovery point types to restore: the primary vault holds continuous ones, the copy vault snapshots.
   * @default ['SNAPSHOT']
   */
  readonly recoveryPointTypes?: readonly ('SNAPSHOT' | 'CONTINUOUS')[];
  /** Only recovery points this many days old or newer are picked (the latest of them). @default 2 */
  readonly selectionWindowDays?: number;
  /** The Aurora cluster to restore. @default - no database selection */
  readonly database?: RestoreTestDatabase;
  /** The buckets to restore. @default - no bucket selection */
  readonly buckets?: RestoreTestBuckets;
}

/**
 * An AWS Backup restore testing plan on one vault, with a selection per store type: the Aurora cluster restored into
 * the platform's isolated subnets and a security group of its own, the buckets into new buckets under the customer
 * managed key (DATA-2 "backed up" proven by restoring). The role AWS Backup restores (and, after the validation
 * window, deletes) with is scoped to the recovery points' resources and to resources named `awsbackup-restore-test-*`.
 */
export class RestoreTesting extends Construct {
  readonly plan: backup.CfnRestoreTestingPlan;
  readonly selections: backup.CfnRestoreTestingSelection[] = [];
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    const hours = props.validationWindowHours ?? 4;
    this.validate(props, hours);
    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: props.planName,
      scheduleExpression: props.scheduleExpression ?? 'cron(0 5 ? * SAT *)',
      scheduleExpressionTimezone: 'Etc/UTC',
      startWindowHours: 1,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [props.vaultArn],
        recoveryPointTypes: [...(props.recoveryPointTypes ?? ['SNAPSHOT'])],
        selectionWindowDays: props.selectionWindowDays ?? 2,
      },
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: `AWS Backup restores (and cleans up) the restore tests of ${props.planName}`,
    });
    const stack = Stack.of(this);
    const statements = restoreRoleStatements(stack, props);
    const policy = new iam.ManagedPolicy(this, 'RolePolicy', {
      description:
        'Restore tests: restore the selected stores into awsbackup-restore-test-* resources, delete them after',
      roles: [this.role],
      statements,
    });
    this.acknowledgeWildcards(policy, statements);

    if (props.database) {
      const db = props.database;
      this.addSelection('Database', 'Aurora', [db.clusterArn], hours, {
        // Keys of the restore testing inferred metadata of RDS/Aurora clusters (docs/restore-testing.md).
        dbsubnetgroupname: db.subnetGroupName,
        vpcsecuritygroupids: JSON.stringify(db.securityGroupIds),
        kmskeyid: db.keyArn,
      });
    }
    if (props.buckets) {
      this.addSelection('Buckets', 'S3', props.buckets.bucketArns, hours, {
        encryptiontype: 'SSE-KMS',
        kmskey: props.buckets.keyArn,
      });
    }
  }

  private addSelection(
    id: string,
    type: 'Aurora' | 'S3',
    arns: readonly string[],
    hours: number,
    overrides: Record<string, string>,
  ): void {
    const selection = new backup.CfnRestoreTestingSelection(this, id, {
      restoreTestingPlanName: this.plan.restoreTestingPlanName,
      restoreTestingSelectionName: `${id.toLowerCase()}_${type.toLowerCase()}`,
      protectedResourceType: type,
      protectedResourceArns: [...arns],
      iamRoleArn: this.role.roleArn,
      validationWindowHours: hours,
      restoreMetadataOverrides: overrides,
    });
    selection.node.addDependency(this.plan);
    this.selections.push(selection);
  }

  private validate(props: RestoreTestingProps, hours: number): void {
    const fail = (error: { code: string; setting: string; value: unknown; problem: string; fix: string }) => {
      throw new PlatformConstructError({ ...error, scope: this });
    };
    if (!/^[A-Za-z0-9_]{1,50}$/.test(props.planName)) {
      fail({
        code: 'RestoreTesting.planName',
        setting: 'planName',
        value: props.planName,
        problem: 'is not 1-50 letters, digits or underscores',
        fix: "use a name such as 'prod_restore_tests'",
      });
    }
    if (!Number.isInteger(hours) || hours < 1 || hours > 168) {
      fail({
        code: 'RestoreTesting.validationWindowHours',
        setting: 'validationWindowHours',
        value: hours,
        problem: 'is not a whole number of hours from 1 to 168',
        fix: 'give 1 to 168 (default 4)',
      });
    }
    if (!props.database && !(props.buckets && props.buckets.bucketArns.length)) {
      fail({
        code: 'RestoreTesting.selection',
        setting: 'database and buckets',
        value: [],
        problem: 'select nothing: a plan that restores nothing proves nothing (DATA-2)',
        fix: 'pass the cluster, the buckets, or both',
      });
    }
  }

  private acknowledgeWildcards(policy: iam.ManagedPolicy, statements: iam.PolicyStatement[]): void {
    acknowledgeWildcardResources(this, policy, statements, 'DATA-2', {
      star: 'Only EC2 and RDS describe calls use Resource *: they are read-only and have no resource type in IAM (AWS Backup reads the subnets and security groups it restores into)',
      pattern: `AWS Backup names what a restore test creates ${RESTORE_TEST_NAME_PREFIX}<random> and the snapshots it owns awsbackup:job-<id>, unknown before each job; the prefix limits the role to those resources of this account and region`,
    });
  }
}
