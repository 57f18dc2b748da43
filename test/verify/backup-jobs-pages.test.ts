import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { loadSdk } from '../../lib/cli/preflight/sdk';
import { AwsSession } from '../../lib/cli/preflight/session';
import { readBackupJobs } from '../../lib/cli/verify/read/backup-jobs';

/**
 * AWS Backup lists jobs a page at a time: the verdict reads every page, so a failure on the second page is not missed
 * behind a success on the first. The SDK's real client, answered by a middleware (no endpoint is called).
 */
test('the backup jobs of every page are judged: the newest job, on page two, failed', async () => {
  const asked: (string | undefined)[] = [];
  const answer: InitializeMiddleware<object, MetadataBearer> = () => (args) => {
    const token = (args.input as { NextToken?: string }).NextToken;
    asked.push(token);
    const job = (id: string, state: string, at: string) => ({
      BackupJobId: id,
      State: state,
      CreationDate: new Date(at),
      CompletionDate: new Date(at),
    });
    const output = token
      ? { BackupJobs: [job('job-2', 'FAILED', '2026-12-06T03:30:00Z')], $metadata: {} }
      : { BackupJobs: [job('job-1', 'COMPLETED', '2026-12-05T03:30:00Z')], NextToken: 'page-2', $metadata: {} };
    return Promise.resolve({ output, response: {} });
  };
  const aws = new AwsSession(await loadSdk(), { endpoint: 'http://127.0.0.1:9', middleware: answer });
  try {
    const reading = await readBackupJobs(aws, {
      arn: 'arn:aws:rds:eu-west-1:123456789012:cluster:db',
      region: 'eu-west-1',
    });
    expect(asked).toEqual([undefined, 'page-2']);
    expect(reading).toMatchObject({ good: false, asOf: new Date('2026-12-05T03:30:00Z') });
    expect(reading.detail).toMatch(/^the newest backup job job-2 ended FAILED/);
  } finally {
    aws.close();
  }
});
