import * as fs from 'fs';
import * as path from 'path';
import type { Answers, Call } from './answering-proxy';
import { ACCOUNT, RECOVERY_VAULT_ARN } from './shaped-answers';

/**
 * Responses in AWS's documented shapes (test/fixtures/aws-responses/<service>/<Operation>.json, each with its source:
 * the fields and value kinds of AWS's documented example where there is one, else of the response syntax; the values
 * the project's own) for the calls of verify that moto 5.2.5 does not serve, as the answering proxy sends them: as
 * written, or with the fields each fixture's `substituted` names replaced (the resource asked about, times relative to
 * the clock, a failed state).
 */

type Wire = Record<string, unknown>;

interface Fixture {
  readonly operation: string;
  readonly source: string;
  readonly source_kind: 'checked-against-example' | 'response-syntax';
  readonly read: string;
  readonly substituted: Readonly<Record<string, string>>;
  readonly response: Wire;
}

export const FIXTURE_DIR = path.join(__dirname, '../fixtures/aws-responses');

/** The fixture of one operation, e.g. fixture('backup', 'ListBackupJobs'). */
export function fixture(service: string, operation: string): Fixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, service, `${operation}.json`), 'utf8')) as Fixture;
}

/** The documented items of a list response (a fresh copy each time). */
const items = (service: string, operation: string, list: string): Wire[] =>
  structuredClone(fixture(service, operation).response[list] as Wire[]);

/** Epoch seconds, as restJson1 and awsJson send timestamps. */
const secondsAgo = (hours: number): number => (Date.now() - hours * 3_600_000) / 1000;

/** What each documented answer says: how long ago its event was, and whether it failed. */
export interface Variant {
  readonly hoursAgo: number;
  readonly failed?: boolean;
}

const ruleOf = (call: Call): string => String((JSON.parse(call.body || '{}') as Wire).ConfigRuleName);
const resourceOf = (call: Call): string =>
  call.query.get('resourceArn') ?? /^\/resources\/(.+)\/restore-jobs\/?$/.exec(call.path)?.[1] ?? '';

const fsbp = (region: string) => ({
  StandardsArn: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
  StandardsSubscriptionArn: `arn:aws:securityhub:${region}:${ACCOUNT}:subscription/aws-foundational-security-best-practices/v/1.0.0`,
});

/** The five documented answers, with the resource asked about and the variant's time and state. */
export function documentedAnswers(v: Variant): Answers {
  const at = (extra = 0) => secondsAgo(v.hoursAgo + extra);
  return {
    'config.GetComplianceDetailsByConfigRule': (call) => {
      const [first] = items('config', 'GetComplianceDetailsByConfigRule', 'EvaluationResults');
      const id = first.EvaluationResultIdentifier as { EvaluationResultQualifier: Wire; OrderingTimestamp: number };
      id.EvaluationResultQualifier.ConfigRuleName = ruleOf(call);
      id.OrderingTimestamp = at(0.1);
      const evaluation = {
        ...first,
        ResultRecordedTime: at(),
        ConfigRuleInvokedTime: at(0.05),
        ComplianceType: v.failed ? 'NON_COMPLIANT' : 'COMPLIANT',
      };
      return { json: { EvaluationResults: [evaluation] } };
    },
    'backup.ListBackupJobs': (call) => {
      const completed = items('backup', 'ListBackupJobs', 'BackupJobs')[1];
      const job = {
        ...completed,
        ResourceArn: resourceOf(call),
        CreationDate: at(1),
        CompletionDate: at(),
        StartBy: at(-1),
        ...(v.failed
          ? { State: 'FAILED', StatusMessage: 'Backup job failed because the IAM role was not authorized' }
          : {}),
      };
      return { json: { BackupJobs: [job] } };
    },
    'backup.ListCopyJobs': (call) => {
      const [documented] = items('backup', 'ListCopyJobs', 'CopyJobs');
      const job = {
        ...documented,
        ResourceArn: resourceOf(call),
        SourceBackupVaultArn: `arn:aws:backup:${call.region}:${ACCOUNT}:backup-vault:ref-primary-vault`,
        DestinationBackupVaultArn: RECOVERY_VAULT_ARN,
        DestinationRecoveryPointArn: `${RECOVERY_VAULT_ARN.replace(/backup-vault:.*$/, '')}recovery-point:a1b2c3d4-5678-90ab-cdef-EXAMPLE55555`,
        CreationDate: at(1),
        CompletionDate: at(),
        ...(v.failed
          ? { State: 'FAILED', StatusMessage: 'Copy job failed: the destination vault key denies AWS Backup' }
          : {}),
      };
      return { json: { CopyJobs: [job] } };
    },
    'backup.ListRestoreJobsByProtectedResource': () => {
      const [documented] = items('backup', 'ListRestoreJobsByProtectedResource', 'RestoreJobs');
      const job = {
        ...documented,
        CreationDate: at(2),
        CompletionDate: at(),
        RecoveryPointCreationDate: at(20),
        ...(v.failed ? { ValidationStatus: 'FAILED', ValidationStatusMessage: 'table app.accounts has 0 rows' } : {}),
      };
      return { json: { RestoreJobs: [job] } };
    },
    'securityhub.GetEnabledStandards': (call) => {
      const [documented] = items('securityhub', 'GetEnabledStandards', 'StandardsSubscriptions');
      const standard = { ...documented, ...fsbp(call.region), ...(v.failed ? { StandardsStatus: 'INCOMPLETE' } : {}) };
      return { json: { StandardsSubscriptions: [standard] } };
    },
  };
}

/** The fixture's response of one operation as written, whatever was asked. */
export const asWritten = (service: string, operation: string): Answers => ({
  [`${service}.${operation}`]: () => ({ json: fixture(service, operation).response }),
});

/** Every call but the credentials' check denied, as AWS denies a role without the permission. */
export const DENY_ALL: Answers = {
  '*': (call) =>
    call.service === 'sts'
      ? undefined
      : {
          deny: `User: arn:aws:iam::${ACCOUNT}:user/verify is not authorized to perform: ${call.service}:${call.operation}`,
        },
};
