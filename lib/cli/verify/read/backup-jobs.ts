import { AwsSession } from '../../preflight/session';
import { Reading } from '../fact';
import { ProtectedResource } from '../targets';

/** One job of AWS Backup as the verdict needs it. */
interface Job {
  readonly id: string;
  readonly state: string;
  readonly finished: boolean;
  readonly ok: boolean;
  readonly at?: Date;
  readonly message?: string;
}

const MAX_ITEMS = 10;

/**
 * The verdict on a resource's jobs of one kind: the newest finished job must have succeeded (a failure after the
 * last success is what the account does today), and the last success gives the fact's time. No job at all is bad:
 * AWS Backup lists the jobs of the last 30 days.
 */
export function jobsReading(region: string, subject: string, what: string, jobs: readonly Job[]): Reading {
  const newestFirst = [...jobs].sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
  const finished = newestFirst.filter((j) => j.finished);
  const lastOk = finished.find((j) => j.ok);
  const failures = finished.filter((j) => !j.ok);
  const items = failures
    .slice(0, MAX_ITEMS)
    .map(
      (j) =>
        `${what} ${j.id} ${j.state} at ${j.at?.toISOString() ?? 'an unknown time'}${j.message ? `: ${j.message}` : ''}`,
    );
  const failed = `${failures.length} failed in the listed jobs`;
  if (finished.length === 0)
    return {
      region,
      subject,
      good: false,
      items,
      detail: `no finished ${what} in the jobs AWS Backup lists (30 days)`,
    };
  const newest = finished[0];
  if (!newest.ok)
    return {
      region,
      subject,
      good: false,
      asOf: lastOk?.at,
      items,
      detail: `the newest ${what} ${newest.id} ended ${newest.state} at ${newest.at?.toISOString() ?? 'an unknown time'}${newest.message ? ` (${newest.message})` : ''}; last success ${lastOk?.at?.toISOString() ?? 'none listed'}; ${failed}`,
    };
  return {
    region,
    subject,
    good: true,
    asOf: newest.at,
    items,
    detail: `last ${what} ${newest.id} completed; ${failed}`,
  };
}

const TERMINAL = ['COMPLETED', 'FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'];

/** A backup or copy job: finished in a terminal state, good when COMPLETED. */
function jobOf(
  id: string | undefined,
  j: { State?: string; CompletionDate?: Date; CreationDate?: Date; StatusMessage?: string },
): Job {
  return {
    id: id ?? '?',
    state: j.State ?? '?',
    finished: TERMINAL.includes(j.State ?? ''),
    ok: j.State === 'COMPLETED',
    at: j.CompletionDate ?? j.CreationDate,
    message: j.StatusMessage,
  };
}

/** The backup jobs of a protected resource (`ListBackupJobs` by resource ARN, every page). */
export async function readBackupJobs(aws: AwsSession, resource: ProtectedResource): Promise<Reading> {
  const { BackupClient, paginateListBackupJobs } = aws.sdk.backup;
  const client = aws.open(new BackupClient(aws.config(resource.region)));
  const jobs: Job[] = [];
  for await (const page of paginateListBackupJobs({ client }, { ByResourceArn: resource.arn })) {
    for (const j of page.BackupJobs ?? []) jobs.push(jobOf(j.BackupJobId, j));
  }
  return jobsReading(resource.region, resource.arn, 'backup job', jobs);
}

/**
 * The copy jobs of a protected resource into the recovery region's vault (`ListCopyJobs` by resource ARN, every
 * page); copies to another vault do not count.
 */
export async function readCopyJobs(
  aws: AwsSession,
  resource: ProtectedResource,
  recoveryRegion: string,
  recoveryVault: string,
): Promise<Reading> {
  const { BackupClient, paginateListCopyJobs } = aws.sdk.backup;
  const client = aws.open(new BackupClient(aws.config(resource.region)));
  const target = new RegExp(`^arn:[^:]+:backup:${recoveryRegion}:\\d+:backup-vault:${recoveryVault}$`);
  const jobs: Job[] = [];
  for await (const page of paginateListCopyJobs({ client }, { ByResourceArn: resource.arn })) {
    for (const j of page.CopyJobs ?? [])
      if (target.test(j.DestinationBackupVaultArn ?? '')) jobs.push(jobOf(j.CopyJobId, j));
  }
  return jobsReading(resource.region, resource.arn, `copy job to ${recoveryVault} (${recoveryRegion})`, jobs);
}

/**
 * The restore tests of a protected resource: restore jobs a restore testing plan started
 * (`ListRestoreJobsByProtectedResource`, every page). A test passes when the restore completed and the platform's
 * validation reported SUCCESSFUL; a restore still validating is not finished.
 */
export async function readRestoreTests(aws: AwsSession, resource: ProtectedResource): Promise<Reading> {
  const { BackupClient, paginateListRestoreJobsByProtectedResource } = aws.sdk.backup;
  const client = aws.open(new BackupClient(aws.config(resource.region)));
  const jobs: Job[] = [];
  for await (const page of paginateListRestoreJobsByProtectedResource({ client }, { ResourceArn: resource.arn })) {
    for (const j of page.RestoreJobs ?? []) {
      if (!j.CreatedBy?.RestoreTestingPlanArn) continue;
      const state =
        j.Status === 'COMPLETED' ? `COMPLETED, validation ${j.ValidationStatus ?? 'not reported'}` : (j.Status ?? '?');
      jobs.push({
        id: j.RestoreJobId ?? '?',
        state,
        finished: TERMINAL.includes(j.Status ?? '') && j.ValidationStatus !== 'VALIDATING',
        ok: j.Status === 'COMPLETED' && j.ValidationStatus === 'SUCCESSFUL',
        at: j.CompletionDate ?? j.CreationDate,
        message: j.ValidationStatusMessage ?? j.StatusMessage,
      });
    }
  }
  return jobsReading(resource.region, resource.arn, 'restore test', jobs);
}
