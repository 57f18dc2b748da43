import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';

/**
 * Answers, in the SDK's own output shapes, for the calls of verify that moto 5.2.5 does not serve, and the one field it
 * leaves out of a call it serves. Each shape follows the API reference's response syntax:
 * - Config GetComplianceDetailsByConfigRule: https://docs.aws.amazon.com/config/latest/APIReference/API_GetComplianceDetailsByConfigRule.html
 * - Backup ListBackupJobs, ListCopyJobs, ListRestoreJobsByProtectedResource:
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupJobs.html,
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListCopyJobs.html,
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListRestoreJobsByProtectedResource.html
 * - Security Hub GetEnabledStandards: https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GetEnabledStandards.html
 * - CloudFormation DescribeStacks' DriftInformation (moto serves the call without it):
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackDriftInformation.html
 * - CloudTrail GetTrailStatus' LatestDeliveryError (moto never sets it):
 *   https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
 */

type Input = Record<string, unknown>;
/** An answer: the output, an error to throw, or a function of the call's input giving either. */
export type Shaped = object | Error | ((input: Input) => object | Error);
/** By `<client>.<command>`, as the SDK names them. */
export type ShapedAnswers = Readonly<Record<string, Shaped>>;
/** Changes moto's output of a call it serves (adds what it leaves out). */
export type Augments = Readonly<Record<string, (output: Input, input: Input) => Input>>;

/** Middleware first in every client's stack: answers the shaped calls, augments moto's answers, passes the rest on. */
export function shaping(answers: ShapedAnswers, augments: Augments = {}): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    const key = `${String(context.clientName)}.${String(context.commandName)}`;
    const input = args.input as Input;
    const shaped = answers[key];
    if (shaped !== undefined) {
      const answer = typeof shaped === 'function' ? shaped(input) : shaped;
      if (answer instanceof Error) throw answer;
      return { output: { $metadata: {}, ...answer }, response: {} };
    }
    const result = await next(args);
    const augment = augments[key];
    return augment ? { ...result, output: augment(result.output as unknown as Input, input) as never } : result;
  };
}

export const hoursAgo = (hours: number): Date => new Date(Date.now() - hours * 3_600_000);

export const ACCOUNT = '123456789012';
export const RECOVERY_VAULT_ARN = `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:ref-recovery-vault`;
const PRIMARY_VAULT_ARN = `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:ref-primary-vault`;
const RESTORE_PLAN_ARN = `arn:aws:backup:eu-west-1:${ACCOUNT}:restore-testing-plan:ref_restore_tests-1a2b3c`;
export const FSBP_ARN = 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0';

/** One COMPLIANT evaluation of the rule, `hours` ago. */
export const evaluation = (rule: string, compliance: string, hours: number, resourceId = 'ref-resource') => ({
  EvaluationResultIdentifier: {
    EvaluationResultQualifier: { ConfigRuleName: rule, ResourceType: 'AWS::S3::Bucket', ResourceId: resourceId },
    OrderingTimestamp: hoursAgo(hours + 0.1),
  },
  ComplianceType: compliance,
  ResultRecordedTime: hoursAgo(hours),
  ConfigRuleInvokedTime: hoursAgo(hours + 0.1),
});

export const backupJob = (arn: string, state: string, hours: number, id = `backup-${state}-${hours}`) => ({
  BackupJobId: id,
  BackupVaultName: 'ref-primary-vault',
  BackupVaultArn: PRIMARY_VAULT_ARN,
  ResourceArn: arn,
  CreationDate: hoursAgo(hours + 1),
  ...(state === 'RUNNING' ? {} : { CompletionDate: hoursAgo(hours) }),
  State: state,
  ...(state === 'FAILED' ? { StatusMessage: 'Backup job failed because the IAM role was not authorized' } : {}),
  ResourceType: arn.includes(':rds:') ? 'Aurora' : 'S3',
});

export const copyJob = (arn: string, state: string, hours: number, destination = RECOVERY_VAULT_ARN) => ({
  CopyJobId: `copy-${state}-${hours}`,
  SourceBackupVaultArn: PRIMARY_VAULT_ARN,
  DestinationBackupVaultArn: destination,
  ResourceArn: arn,
  CreationDate: hoursAgo(hours + 1),
  CompletionDate: hoursAgo(hours),
  State: state,
});

export const restoreTest = (status: string, validation: string | undefined, hours: number) => ({
  RestoreJobId: `restore-${status}-${validation ?? 'none'}-${hours}`,
  CreationDate: hoursAgo(hours + 2),
  CompletionDate: hoursAgo(hours),
  Status: status,
  CreatedBy: { RestoreTestingPlanArn: RESTORE_PLAN_ARN },
  ...(validation ? { ValidationStatus: validation } : {}),
});

/** An account where every job, evaluation and standard the claims need is recent and good. */
export const HEALTHY: ShapedAnswers = {
  'ConfigServiceClient.GetComplianceDetailsByConfigRuleCommand': (input) => ({
    EvaluationResults: [evaluation(String(input.ConfigRuleName), 'COMPLIANT', 2)],
  }),
  'BackupClient.ListBackupJobsCommand': (input) => ({
    BackupJobs: [backupJob(String(input.ByResourceArn), 'COMPLETED', 3)],
  }),
  'BackupClient.ListCopyJobsCommand': (input) => ({
    CopyJobs: [copyJob(String(input.ByResourceArn), 'COMPLETED', 2)],
  }),
  'BackupClient.ListRestoreJobsByProtectedResourceCommand': () => ({
    RestoreJobs: [restoreTest('COMPLETED', 'SUCCESSFUL', 72)],
  }),
  'SecurityHubClient.GetEnabledStandardsCommand': {
    StandardsSubscriptions: [
      {
        StandardsSubscriptionArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:subscription/aws-foundational-security-best-practices/v/1.0.0`,
        StandardsArn: FSBP_ARN,
        StandardsInput: {},
        StandardsStatus: 'READY',
      },
    ],
  },
};

/** moto's DescribeStacks with the drift information CloudFormation keeps from the last detection. */
export const driftOf =
  (status: string, hours: number): Augments[string] =>
  (output) => ({
    ...output,
    Stacks: ((output.Stacks as Input[] | undefined) ?? []).map((s) => ({
      ...s,
      DriftInformation: { StackDriftStatus: status, LastCheckTimestamp: hoursAgo(hours) },
    })),
  });

export const IN_SYNC: Augments = { 'CloudFormationClient.DescribeStacksCommand': driftOf('IN_SYNC', 20) };

/** An error as the SDK raises it for a denied call. */
export function denied(action: string): Error {
  return Object.assign(new Error(`User: arn:aws:iam::${ACCOUNT}:user/verify is not authorized to perform: ${action}`), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 403 },
  });
}
